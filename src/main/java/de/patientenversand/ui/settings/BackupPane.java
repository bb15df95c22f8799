package de.patientenversand.ui.settings;

import de.patientenversand.common.UserException;
import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.UiContext;
import de.patientenversand.vault.ActivityEntry;
import de.patientenversand.vault.ActivityKind;
import de.patientenversand.vault.TempChannels;
import de.patientenversand.vault.backup.BackupResult;
import de.patientenversand.vault.backup.BackupService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * "Sicherung erstellen" in the settings: one backup file where the patient chooses (the same as
 * {@code backup --out}), written in the background; a gentle reminder when the last backup is
 * older than 30 days (read from the activity log). A backup holds only encrypted data.
 */
final class BackupPane {
    static final Duration REMIND_AFTER = Duration.ofDays(30);
    private final UiContext ctx;
    private final Label reminder;
    private final Label message;
    private final Button create;
    private final VBox root;

    BackupPane(UiContext ctx) {
        this.ctx = ctx;
        Controls c = new Controls(ctx.i18n());
        reminder = new Label();
        reminder.setId("backupReminder");
        reminder.setWrapText(true);
        reminder.getStyleClass().add("warning");
        reminder.accessibleTextProperty().bind(reminder.textProperty());
        reminder.managedProperty().bind(reminder.textProperty().isNotEmpty());
        message = new Label();
        message.setId("backupMessage");
        message.setWrapText(true);
        message.accessibleTextProperty().bind(message.textProperty());
        create = c.button("backup.create", this::create);
        create.setId("backupCreate");
        root = new VBox(8, c.title("backup.title"), c.label("backup.intro"), reminder, create, message);
        checkReminder();
    }

    Parent view() {
        return root;
    }

    private void checkReminder() {
        ctx.run(ctx.task(() -> ctx.services().vault().activity()).onSuccess(this::remind));
    }

    private void remind(List<ActivityEntry> entries) {
        Instant last = entries.stream().filter(e -> e.knownKind() == ActivityKind.BACKUP_CREATED)
                .map(ActivityEntry::time).max(Instant::compareTo).orElse(null);
        Instant now = ctx.services().clock().instant();
        if (last == null) {
            reminder.setText("\u26A0 " + ctx.text("backup.never"));
        } else if (last.isBefore(now.minus(REMIND_AFTER))) {
            reminder.setText("\u26A0 " + ctx.text("backup.old", ctx.formats().dateTime(last)));
        } else {
            reminder.setText("");
        }
    }

    private void create() {
        ctx.dialogs().saveFile(ctx.stage(), ctx.text("backup.create"), ctx.text("backup.fileName",
                java.time.LocalDate.now(ctx.services().clock().withZone(ctx.services().zone())))).ifPresent(target -> {
            create.setDisable(true);
            message.getStyleClass().removeAll("success", "danger");
            message.setText(ctx.text("backup.running"));
            String version = BackupPane.class.getPackage().getImplementationVersion();
            ctx.run(ctx.task(() -> new BackupService(TempChannels.FILES, ctx.services().clock(),
                            version == null ? "dev" : version).toFile(ctx.services().dataDir(), target.toAbsolutePath()))
                    .onSuccess((BackupResult r) -> {
                        message.getStyleClass().add("success");
                        message.setText(ctx.text("backup.done", r.documents(), target.getFileName()));
                        reminder.setText("");
                    })
                    .onError(UserException.class, e -> {
                        message.getStyleClass().add("danger");
                        message.setText(e.text(ctx.i18n().locale()));
                    })
                    .andFinally(() -> create.setDisable(false)));
        });
    }
}
