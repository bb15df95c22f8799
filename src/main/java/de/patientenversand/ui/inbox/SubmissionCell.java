package de.patientenversand.ui.inbox;

import de.patientenversand.ui.common.UiContext;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** One submission in the list: unread dot, sender, link label, time, number of documents. */
final class SubmissionCell extends ListCell<Submission> {
    private final UiContext ctx;

    SubmissionCell(UiContext ctx) {
        this.ctx = ctx;
    }

    @Override
    protected void updateItem(Submission s, boolean empty) {
        super.updateItem(s, empty);
        if (empty || s == null) {
            setGraphic(null);
            setText(null);
            setAccessibleText(null);
            return;
        }
        String sender = s.sender() == null || s.sender().isBlank() ? ctx.text("inbox.noSender") : s.sender();
        String link = s.link() == null ? ctx.text("inbox.ownImport") : s.link();
        Label dot = new Label(s.unread() ? "●" : " ");
        dot.getStyleClass().add("accent");
        dot.setMinWidth(14);
        Label name = new Label(sender);
        name.setStyle(s.unread() ? "-fx-font-weight: bold;" : "");
        Label details = new Label(ctx.text("inbox.submission.details", link,
                ctx.formats().dateTime(s.receivedAt()), s.documents().size()));
        details.getStyleClass().add("text-muted");
        details.setWrapText(true);
        details.setMaxWidth(getListView() == null ? 260 : Math.max(120, getListView().getWidth() - 50));
        setGraphic(new HBox(6, dot, new VBox(2, name, details)));
        setText(null);
        setAccessibleText(ctx.text(s.unread() ? "inbox.submission.unread" : "inbox.submission.read",
                sender, details.getText()));
    }
}
