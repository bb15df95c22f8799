package de.patientenversand.ui.setup;

import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.UiContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * Step 3: the recovery code, shown once. "Drucken / Speichern" writes it to a text file the
 * patient picks (to print or keep); it is as secret as the password.
 */
final class RecoveryCodeStep {
    private final UiContext ctx;
    private final String code;
    private final Label saved;
    private final VBox view;

    RecoveryCodeStep(UiContext ctx, String code, Runnable next) {
        this.ctx = ctx;
        this.code = code;
        Controls c = new Controls(ctx.i18n());
        TextField shown = new TextField(code);
        shown.setEditable(false);
        shown.setId("recoveryCode");
        shown.setAccessibleText(ctx.text("setup.recovery.code"));
        shown.setStyle("-fx-font-family: monospace; -fx-font-size: 16px;");
        saved = c.label("setup.recovery.notSaved");
        saved.setId("recoverySaved");
        Button save = c.button("setup.recovery.save", this::save);
        save.setId("recoverySave");
        CheckBox kept = new CheckBox(ctx.text("setup.recovery.kept"));
        kept.setAccessibleText(kept.getText());
        kept.setId("recoveryKept");
        Button continueButton = c.primary("setup.next", next);
        continueButton.setId("recoveryNext");
        continueButton.disableProperty().bind(kept.selectedProperty().not());
        Label secret = c.label("setup.recovery.secret");
        secret.getStyleClass().add("warning");
        view = new VBox(12, c.title("setup.recovery.title"), c.label("setup.recovery.text"), shown,
                secret, SetupWizard.buttons(save, saved), kept, SetupWizard.buttons(continueButton));
    }

    Parent view() {
        return view;
    }

    private void save() {
        ctx.dialogs().saveFile(ctx.stage(), ctx.text("setup.recovery.save"), ctx.text("setup.recovery.fileName"))
                .ifPresent(target -> ctx.run(ctx.task(() -> {
                    String text = ctx.text("setup.recovery.fileText", code);
                    Files.writeString(target, text, StandardCharsets.UTF_8);
                    return null;
                }).onSuccess(x -> saved.setText(ctx.text("setup.recovery.saved")))
                        .onError(java.io.IOException.class,
                                e -> saved.setText(ctx.text("setup.recovery.saveFailed")))));
    }
}
