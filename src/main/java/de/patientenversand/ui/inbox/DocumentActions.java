package de.patientenversand.ui.inbox;

import de.patientenversand.common.UserException;
import de.patientenversand.ui.common.UiContext;
import de.patientenversand.vault.DocumentInfo;
import de.patientenversand.vault.Inbox;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;

/** Export (one or a whole submission), delete with confirmation, mark read or unread. */
final class DocumentActions {
    private final UiContext ctx;
    private final Inbox inbox;
    private final Label message;
    private final Runnable reload;

    DocumentActions(UiContext ctx, Inbox inbox, Label message, Runnable reload) {
        this.ctx = ctx;
        this.inbox = inbox;
        this.message = message;
        this.reload = reload;
    }

    void export(DocumentInfo doc) {
        if (doc == null) {
            return;
        }
        ctx.dialogs().saveFile(ctx.stage(), ctx.text("inbox.export"), doc.name()).ifPresent(target ->
                ctx.run(ctx.task(() -> {
                    inbox.export(doc.id(), target);
                    return null;
                }).onSuccess(x -> say("inbox.exported", false))
                        .onError(IOException.class, e -> exportFailed(e, target.getParent()))
                        .onError(UserException.class, e -> exportFailed(e, target.getParent()))));
    }

    void exportAll(Submission submission) {
        if (submission == null) {
            return;
        }
        ctx.dialogs().chooseFolder(ctx.stage(), ctx.text("inbox.exportAll")).ifPresent(folder ->
                ctx.run(ctx.task(() -> {
                    for (DocumentInfo d : submission.documents()) {
                        inbox.export(d.id(), freeName(folder, d.name()));
                    }
                    return submission.documents().size();
                }).onSuccess(n -> say("inbox.exportedAll", false, n))
                        .onError(IOException.class, e -> exportFailed(e, folder))
                        .onError(UserException.class, e -> exportFailed(e, folder))));
    }

    /** Says why an export failed: a folder that cannot be written, the vault's own reason, or in general. */
    private void exportFailed(Exception e, Path folder) {
        boolean denied = e instanceof AccessDeniedException || e.getCause() instanceof AccessDeniedException
                || e instanceof java.nio.file.ReadOnlyFileSystemException
                || folder != null && !Files.isWritable(folder);
        if (denied) {
            say("inbox.exportNotWritable", true);
        } else if (e instanceof UserException user) {
            message.getStyleClass().add("danger");
            message.setText(user.text(ctx.i18n().locale()));
        } else {
            say("inbox.exportFailed", true);
        }
    }

    /** The name in the folder, or "name (2).ext" when it is taken. */
    static Path freeName(Path folder, String name) {
        Path target = folder.resolve(name);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 2; Files.exists(target); i++) {
            target = folder.resolve(stem + " (" + i + ")" + ext);
        }
        return target;
    }

    void delete(DocumentInfo doc) {
        if (doc == null) {
            return;
        }
        ButtonType yes = new ButtonType(ctx.text("inbox.delete.confirm"), ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(ctx.text("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, ctx.text("inbox.delete.question", doc.name()), yes, no);
        alert.setHeaderText(null);
        alert.setTitle(ctx.text("inbox.delete"));
        alert.initOwner(ctx.stage());
        alert.showAndWait().filter(yes::equals).ifPresent(b -> ctx.run(ctx.task(() -> {
            inbox.delete(doc.id());
            return null;
        }).onSuccess(x -> {
            say("inbox.deleted", false);
            reload.run();
        })));
    }

    void toggleRead(DocumentInfo doc) {
        if (doc != null) {
            setRead(doc, !doc.read());
        }
    }

    void markRead(DocumentInfo doc) {
        setRead(doc, true);
    }

    private void setRead(DocumentInfo doc, boolean read) {
        ctx.run(ctx.task(() -> {
            inbox.markRead(doc.id(), read);
            return null;
        }).onSuccess(x -> reload.run()));
    }

    private void say(String key, boolean problem, Object... args) {
        message.getStyleClass().remove("danger");
        if (problem) {
            message.getStyleClass().add("danger");
        }
        message.setText(ctx.text(key, args));
    }
}
