package de.patientenversand.ui.unlock;

import de.patientenversand.common.UserException;
import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.UiContext;
import de.patientenversand.ui.common.VaultAccess;
import java.util.Arrays;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Unlock with the password (or the recovery code). The key derivation is slow on purpose, so it
 * runs in the background while the window stays responsive.
 */
public final class UnlockView {
    private final UiContext ctx;
    private final Consumer<VaultAccess.Unlocked> unlocked;
    private final PasswordField password;
    private final TextField recoveryCode;
    private final Label message;
    private final Label arrived;
    private final Button unlock;
    private final Hyperlink switchMode;
    private final ProgressIndicator busy = new ProgressIndicator();
    private final StackPane root;
    private boolean useRecoveryCode;

    public UnlockView(UiContext ctx, Consumer<VaultAccess.Unlocked> unlocked) {
        this.ctx = ctx;
        this.unlocked = unlocked;
        Controls c = new Controls(ctx.i18n());
        password = c.password("unlock.password");
        password.setId("unlockPassword");
        recoveryCode = c.field("unlock.recoveryCode");
        recoveryCode.setId("unlockRecoveryCode");
        recoveryCode.setVisible(false);
        recoveryCode.setManaged(false);
        message = c.message();
        message.setId("unlockMessage");
        arrived = c.label("unlock.nothingNew");
        arrived.setId("unlockArrived");
        arrived.setVisible(false);
        unlock = c.primary("unlock.button", this::submit);
        unlock.setId("unlockButton");
        switchMode = new Hyperlink(ctx.text("unlock.useRecoveryCode"));
        switchMode.setWrapText(true);
        switchMode.setAccessibleText(switchMode.getText());
        switchMode.setOnAction(e -> toggleMode());
        busy.setVisible(false);
        busy.setPrefSize(24, 24);
        VBox box = new VBox(12, c.title("unlock.title"), c.label("unlock.text"), password, recoveryCode,
                message, new HBox(12, unlock, busy), switchMode, arrived);
        box.setMaxWidth(460);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(32));
        root = new StackPane(box);
        password.requestFocus();
    }

    public Parent view() {
        return root;
    }

    /** An upload arrived while locked: say so without any content. */
    public void uploadArrived() {
        arrived.setText(ctx.text("unlock.newArrived"));
        arrived.setVisible(true);
    }

    private void toggleMode() {
        useRecoveryCode = !useRecoveryCode;
        password.setVisible(!useRecoveryCode);
        password.setManaged(!useRecoveryCode);
        recoveryCode.setVisible(useRecoveryCode);
        recoveryCode.setManaged(useRecoveryCode);
        switchMode.setText(ctx.text(useRecoveryCode ? "unlock.usePassword" : "unlock.useRecoveryCode"));
        switchMode.setAccessibleText(switchMode.getText());
        message.setText("");
    }

    private void submit() {
        message.setText("");
        VaultAccess vault = ctx.services().vault();
        char[] secret = password.getText().toCharArray();
        String code = recoveryCode.getText().strip();
        if (useRecoveryCode ? code.isEmpty() : secret.length == 0) {
            message.setText(ctx.text(useRecoveryCode ? "unlock.emptyCode" : "unlock.empty"));
            return;
        }
        boolean byCode = useRecoveryCode;
        setBusy(true);
        ctx.run(ctx.task(() -> {
            try {
                VaultAccess.Unlocked result = byCode ? vault.unlockWithRecoveryCode(code) : vault.unlock(secret);
                return result;
            } finally {
                Arrays.fill(secret, '\0');
            }
        }).onSuccess(result -> {
            password.clear();
            recoveryCode.clear();
            unlocked.accept(result);
        }).onError(UserException.class, e -> {
            message.setText(e.text(ctx.i18n().locale()));
            password.clear();
            password.requestFocus();
        }).andFinally(() -> setBusy(false)));
    }

    private void setBusy(boolean on) {
        busy.setVisible(on);
        unlock.setDisable(on);
        password.setDisable(on);
        recoveryCode.setDisable(on);
    }
}
