package de.patientenversand.ui.setup;

import de.patientenversand.common.UserException;
import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.UiContext;
import de.patientenversand.ui.common.VaultAccess;
import java.util.Arrays;
import java.util.function.BiConsumer;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Step 2: the password, twice, with its strength; creating the vault runs in the background. */
final class PasswordStep {
    private final UiContext ctx;
    private final Controls c;
    private final BiConsumer<String, VaultAccess.Unlocked> created;
    private final PasswordField first;
    private final PasswordField second;
    private final Label message;
    private final Button next;
    private final ProgressIndicator busy = new ProgressIndicator();
    private final VBox view;

    PasswordStep(UiContext ctx, BiConsumer<String, VaultAccess.Unlocked> created) {
        this.ctx = ctx;
        this.c = new Controls(ctx.i18n());
        this.created = created;
        first = c.password("setup.password.first");
        first.setId("password1");
        second = c.password("setup.password.second");
        second.setId("password2");
        message = c.message();
        message.setId("setupMessage");
        ProgressBar strengthBar = new ProgressBar(0);
        strengthBar.setPrefWidth(240);
        strengthBar.setAccessibleText(ctx.text("setup.password.strength.label"));
        Label strength = c.label("setup.password.strength.0");
        strength.setId("strength");
        first.textProperty().addListener((o, was, now) -> {
            int score = PasswordStrength.of(now);
            strengthBar.setProgress(score / 4.0);
            strength.setText(ctx.text("setup.password.strength." + score));
            strength.setAccessibleText(strength.getText());
        });
        busy.setVisible(false);
        busy.setPrefSize(24, 24);
        next = c.primary("setup.next", this::submit);
        next.setId("passwordNext");
        Label warning = c.label("setup.password.warning");
        warning.getStyleClass().add("warning");
        view = new VBox(12,
                c.title("setup.password.title"),
                c.label("setup.password.hint"),
                warning,
                c.label("setup.password.first"), first,
                new HBox(12, strengthBar, strength),
                c.label("setup.password.second"), second,
                message,
                SetupWizard.buttons(next, busy));
    }

    Parent view() {
        return view;
    }

    private void submit() {
        String a = first.getText();
        String b = second.getText();
        if (a.length() < PasswordStrength.MIN_LENGTH) {
            message.setText(ctx.text("setup.password.tooShort", PasswordStrength.MIN_LENGTH));
            return;
        }
        if (!a.equals(b)) {
            message.setText(ctx.text("setup.password.mismatch"));
            second.clear();
            second.requestFocus();
            return;
        }
        message.setText(ctx.text("setup.password.creating"));
        message.getStyleClass().remove("danger");
        char[] password = a.toCharArray();
        setBusy(true);
        ctx.run(ctx.task(() -> {
            try {
                String code = ctx.services().vault().create(password);
                return new Result(code, ctx.services().vault().unlock(password));
            } finally {
                Arrays.fill(password, '\0');
            }
        }).onSuccess(r -> {
            first.clear();
            second.clear();
            created.accept(r.code(), r.unlocked());
        }).onError(UserException.class, e -> {
            message.getStyleClass().add("danger");
            message.setText(e.text(ctx.i18n().locale()));
        }).andFinally(() -> setBusy(false)));
    }

    private void setBusy(boolean on) {
        busy.setVisible(on);
        next.setDisable(on);
        first.setDisable(on);
        second.setDisable(on);
    }

    private record Result(String code, VaultAccess.Unlocked unlocked) {
    }
}
