package de.patientenversand.ui.inbox;

import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.UiContext;
import de.patientenversand.vault.DocumentInfo;
import de.patientenversand.vault.Inbox;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Posteingang: submissions, their documents, the preview and the actions on them. */
public final class InboxView {
    private final UiContext ctx;
    private final Inbox inbox;
    private final ObservableList<Submission> submissions = FXCollections.observableArrayList();
    private final FilteredList<Submission> filtered = new FilteredList<>(submissions);
    private final ListView<Submission> list = new ListView<>(filtered);
    private final DocumentTable documents;
    private final PreviewPane preview;
    private final DocumentActions actions;
    private final Label notice;
    private final Label message;
    private final BorderPane root = new BorderPane();
    private String shownDocument;

    public InboxView(UiContext ctx, Inbox inbox) {
        this.ctx = ctx;
        this.inbox = inbox;
        Controls c = new Controls(ctx.i18n());
        documents = new DocumentTable(ctx);
        preview = new PreviewPane(ctx, inbox);
        notice = new Label();
        notice.setId("newNotice");
        notice.getStyleClass().add("accent");
        notice.accessibleTextProperty().bind(notice.textProperty());
        message = c.message();
        message.setId("inboxMessage");
        actions = new DocumentActions(ctx, inbox, message, () -> refresh(false));

        TextField search = c.field("inbox.search");
        search.setPromptText(ctx.text("inbox.search.prompt"));
        search.setId("inboxSearch");
        search.textProperty().addListener((o, was, q) -> filtered.setPredicate(s -> s.matches(q)));
        list.setId("submissionList");
        list.setAccessibleText(ctx.text("inbox.submissions"));
        list.setPlaceholder(new Label(ctx.text("inbox.empty")));
        list.setCellFactory(v -> new SubmissionCell(ctx));
        list.getSelectionModel().selectedItemProperty().addListener((o, was, s) -> showSubmission(s));
        documents.view().getSelectionModel().selectedItemProperty().addListener((o, was, d) -> showDocument(d));

        Button export = c.button("inbox.export", () -> actions.export(selected()));
        export.setId("exportButton");
        Button exportAll = c.button("inbox.exportAll", () -> actions.exportAll(list.getSelectionModel().getSelectedItem()));
        exportAll.setId("exportAllButton");
        Button toggleRead = c.button("inbox.toggleRead", () -> actions.toggleRead(selected()));
        toggleRead.setId("toggleReadButton");
        Button delete = c.button("inbox.delete", () -> actions.delete(selected()));
        delete.setId("deleteButton");
        delete.getStyleClass().add("danger");
        export.disableProperty().bind(documents.view().getSelectionModel().selectedItemProperty().isNull());
        toggleRead.disableProperty().bind(export.disableProperty());
        delete.disableProperty().bind(export.disableProperty());
        exportAll.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        HBox buttons = new HBox(8, export, exportAll, toggleRead, delete);

        VBox left = new VBox(8, search, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        left.setMinWidth(240);
        VBox middle = new VBox(8, documents.view(), buttons, message);
        VBox.setVgrow(documents.view(), Priority.ALWAYS);
        middle.setMinHeight(150);
        SplitPane right = new SplitPane(middle, preview.view());
        right.setOrientation(javafx.geometry.Orientation.VERTICAL);
        right.setDividerPositions(0.3);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.27);
        SplitPane.setResizableWithParent(left, false);
        root.setCenter(split);
        root.setPadding(new Insets(8));
    }

    public Parent view() {
        return root;
    }

    /** The "2 neue Dokumente" line for the status bar (no content, only a count). */
    public Label notice() {
        return notice;
    }

    /** Reloads the list; with {@code adopt}, first takes in documents that arrived meanwhile. */
    public void refresh(boolean adopt) {
        ctx.run(ctx.task(() -> {
            int adopted = adopt ? inbox.adoptNew() : 0;
            return new Loaded(adopted, inbox.documents());
        }).onSuccess(this::show));
    }

    private void show(Loaded loaded) {
        String selectedSubmission = list.getSelectionModel().getSelectedItem() == null
                ? null : list.getSelectionModel().getSelectedItem().id();
        DocumentInfo selectedDoc = selected();
        submissions.setAll(Submission.group(loaded.documents()));
        if (selectedSubmission != null) {
            filtered.stream().filter(s -> s.id().equals(selectedSubmission)).findFirst()
                    .ifPresent(s -> list.getSelectionModel().select(s));
        }
        if (selectedDoc != null) {
            documents.view().getItems().stream().filter(d -> d.id().equals(selectedDoc.id())).findFirst()
                    .ifPresent(d -> documents.view().getSelectionModel().select(d));
        }
        if (loaded.adopted() > 0) {
            notice.setText(ctx.text("inbox.newDocuments", loaded.adopted()));
        }
        long unread = loaded.documents().stream().filter(d -> !d.read()).count();
        ctx.stage().setTitle(ctx.text("window.titleInbox", unread, loaded.documents().size()));
    }

    private void showSubmission(Submission s) {
        documents.view().getItems().setAll(s == null ? List.of() : s.documents());
        if (s != null && !s.documents().isEmpty()) {
            documents.view().getSelectionModel().selectFirst();
        } else {
            preview.clear();
        }
    }

    private void showDocument(DocumentInfo d) {
        message.setText("");
        if (d == null) {
            shownDocument = null;
            preview.clear();
            return;
        }
        String key = d.id() + "/" + d.state();
        if (!key.equals(shownDocument)) {
            shownDocument = key;
            preview.show(d);
        }
        if (!d.read() && !"damaged".equals(d.state())) {
            actions.markRead(d);
        }
    }

    private DocumentInfo selected() {
        return documents.view().getSelectionModel().getSelectedItem();
    }

    /** Drops every decrypted name and byte from the views (on lock). */
    public void clear() {
        shownDocument = null;
        preview.clear();
        documents.view().getItems().clear();
        submissions.clear();
        notice.setText("");
    }

    private record Loaded(int adopted, List<DocumentInfo> documents) {
    }
}
