package de.patientenversand.ui.setup;

import de.patientenversand.common.UserException;
import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.UiContext;
import de.patientenversand.vault.backup.RestoreReport;
import java.nio.file.Path;
import java.util.Arrays;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;

/**
 * First run on a new computer: choose a backup file, enter the password, restore (every document
 * is checked), then the usual unlock screen.
 */
final class RestoreStep {
    private final UiContext ctx;
    private final Runnable done;
    private final VBox root;
    private final Label file = new Label();
    private final PasswordField password;
    private final Label message;
    private final Button restore;
    private Path chosen;

    RestoreStep(UiContext ctx, Runnable back, Runnable done) {
        this.ctx = ctx;
        this.done = done;
        Controls c = new Controls(ctx.i18n());
        file.setId("restoreFile");
        file.accessibleTextProperty().bind(file.textProperty());
        Button choose = c.button("restore.choose", this::choose);
        choose.setId("restoreChoose");
        password = c.password("restore.password");
        password.setId("restorePassword");
        message = c.message();
        message.setId("restoreMessage");
        restore = c.primary("restore.run", this::run);
        restore.setId("restoreRun");
        Button backButton = c.button("restore.back", back);
        root = new VBox(16, c.title("restore.title"), c.label("restore.text"), SetupWizard.buttons(choose, file),
                password, message, SetupWizard.buttons(restore, backButton));
    }

    Parent view() {
        return root;
    }

    private void choose() {
        ctx.dialogs().openFile(ctx.stage(), ctx.text("restore.choose")).ifPresent(p -> {
            chosen = p;
            file.setText(p.getFileName().toString());
        });
    }

    private void run() {
        if (chosen == null) {
            message.setText(ctx.text("restore.noFile"));
            return;
        }
        char[] secret = password.getText().toCharArray();
        restore.setDisable(true);
        message.getStyleClass().setAll("label", "text-muted");
        message.setText(ctx.text("restore.running"));
        ctx.run(ctx.task(() -> {
            try {
                return ctx.services().vault().restore(chosen, secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }).onSuccess((RestoreReport r) -> {
            if (r.restored()) {
                done.run();
            } else {
                message.getStyleClass().setAll("label", "danger");
                message.setText(ctx.text("restore.notDone"));
            }
        }).onError(UserException.class, e -> {
            message.getStyleClass().setAll("label", "danger");
            message.setText(e.text(ctx.i18n().locale()));
        }).andFinally(() -> restore.setDisable(false)));
    }
}
