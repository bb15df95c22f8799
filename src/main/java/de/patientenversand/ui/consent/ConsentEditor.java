package de.patientenversand.ui.consent;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.common.UserException;
import de.patientenversand.consent.ConsentData;
import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.LinkAccess.ShareLink;
import de.patientenversand.ui.common.UiContext;
import de.patientenversand.vault.Inbox;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;

/**
 * The consent (Einwilligung) for one link: name, date of birth, address, practice, scope and a
 * drawn or typed signature. "Speichern" adds a version (older ones stay and can be saved as PDF).
 * A missing or wrong field is named right next to it.
 */
public final class ConsentEditor {
    private final UiContext ctx;
    private final Inbox inbox;
    private final ShareLink link;
    private final Controls c;
    private final Stage stage = new Stage();
    private final Map<String, Label> errors = new HashMap<>();
    private final TextField name;
    private final TextField birth;
    private final TextArea address = new TextArea();
    private final TextField practice;
    private final TextArea scope = new TextArea();
    private final TextField typed;
    private final SignaturePad pad;
    private final Label message;
    private final ListView<Integer> versions = new ListView<>();

    public ConsentEditor(UiContext ctx, Inbox inbox, ShareLink link) {
        this.ctx = ctx;
        this.inbox = inbox;
        this.link = link;
        this.c = new Controls(ctx.i18n());
        name = field("consentName", "consent.name");
        name.setText(ctx.services().settings().load().patientName());
        birth = field("consentBirth", "consent.birth");
        address.setId("consentAddress");
        address.setPrefRowCount(2);
        address.setAccessibleText(ctx.text("consent.address"));
        practice = field("consentPractice", "consent.practice");
        practice.setText(link.label());
        scope.setId("consentScope");
        scope.setPrefRowCount(2);
        scope.setWrapText(true);
        scope.setText(ConsentData.DEFAULT_SCOPE);
        scope.setAccessibleText(ctx.text("consent.scope"));
        pad = new SignaturePad(420, 100, ctx.text("consent.pad"));
        typed = field("consentTyped", "consent.typed");
        message = new Label();
        message.setId("consentMessage");
        message.setWrapText(true);
        message.accessibleTextProperty().bind(message.textProperty());

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(4);
        int row = 0;
        row = add(grid, row, "consent.name", name, "name");
        row = add(grid, row, "consent.birth", birth, "birthDate");
        row = add(grid, row, "consent.address", address, "address");
        row = add(grid, row, "consent.practice", practice, "practice");
        row = add(grid, row, "consent.scope", scope, "scope");
        Button clear = c.button("consent.clearPad", pad::clear);
        clear.setId("consentClearPad");
        javafx.scene.layout.StackPane padFrame = new javafx.scene.layout.StackPane(pad.node());
        padFrame.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        padFrame.setStyle("-fx-border-color: -color-border-default; -fx-border-width: 1;");
        HBox padTools = new HBox(8, clear, c.label("consent.orTyped"));
        padTools.setAlignment(Pos.CENTER_LEFT);
        VBox signature = new VBox(6, padFrame, padTools, typed);
        row = add(grid, row, "consent.signature", signature, "signature");

        Button save = c.primary("consent.save", this::save);
        save.setId("consentSave");
        Button close = c.button("consent.close", stage::close);
        versions.setId("consentVersions");
                versions.setAccessibleText(ctx.text("consent.versions"));
        versions.setPlaceholder(c.label("consent.noVersions"));
        versions.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Integer n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : ctx.text("consent.version", n));
            }
        });
        Button export = c.button("consent.exportPdf", this::exportSelected);
        export.setId("consentExport");
        export.disableProperty().bind(versions.getSelectionModel().selectedItemProperty().isNull());
        versions.setPrefHeight(80);
        HBox actions = new HBox(12, save, close);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(8, actions, message);
        HBox.setHgrow(left, javafx.scene.layout.Priority.ALWAYS);
        VBox right = new VBox(6, c.label("consent.versions"), versions, export);
        right.setPrefWidth(260);
        HBox bottom = new HBox(16, left, right);
        bottom.setPadding(new Insets(12, 16, 16, 16));
        VBox top = new VBox(6, c.title("consent.title", link.label()), c.label("consent.intro"));
        top.setPadding(new Insets(16, 16, 8, 16));
        grid.setPadding(new Insets(4, 16, 4, 16));
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        javafx.scene.layout.BorderPane box = new javafx.scene.layout.BorderPane(scroll, top, null, bottom, null);
        stage.setTitle(ctx.text("consent.window", link.label()));
        stage.initOwner(ctx.stage());
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setScene(new Scene(box, 760, 700));
        if (ctx.stage().getScene() != null) {
            stage.getScene().getStylesheets().setAll(ctx.stage().getScene().getStylesheets());
        }
    }

    private TextField field(String id, String key) {
        TextField f = c.field(key);
        f.setId(id);
        return f;
    }

    private int add(GridPane grid, int row, String key, Node field, String errorField) {
        Label l = c.label(key);
        l.setLabelFor(field);
        l.setMinWidth(140);
        Label error = c.message();
        error.setId("error-" + errorField);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        errors.put(errorField, error);
        grid.add(l, 0, row);
        grid.add(field, 1, row);
        grid.add(error, 1, row + 1);
        return row + 2;
    }

    public void show() {
        stage.show();
        refreshVersions();
    }

    private void refreshVersions() {
        ctx.run(ctx.task(() -> ctx.services().consents().versions(inbox, link.id()))
                .onSuccess((List<Integer> v) -> versions.getItems().setAll(v.reversed())));
    }

    private void save() {
        errors.values().forEach(l -> l.setText(""));
        message.setText("");
        LocalDate birthDate;
        try {
            birthDate = parseDate(birth.getText());
        } catch (DateTimeParseException e) {
            errors.get("birthDate").setText(ctx.text("consent.birthFormat"));
            return;
        }
        byte[] png = pad.png();
        String typedName = typed.getText() == null || typed.getText().isBlank() ? null : typed.getText().strip();
        ConsentData data = new ConsentData(name.getText().strip(), birthDate, blankToNull(address.getText()),
                practice.getText().strip(), scope.getText().strip(), png, png == null ? typedName : null,
                LocalDate.now(ctx.services().clock().withZone(ctx.services().zone())));
        ctx.run(ctx.task(() -> ctx.services().consents().save(inbox, link.id(), data))
                .onSuccess(n -> {
                    message.getStyleClass().setAll("label", "success");
                    message.setText(ctx.text("consent.saved", n));
                    refreshVersions();
                })
                .onError(UserException.class, this::showError));
    }

    private void showError(UserException e) {
        String text = e.text(ctx.i18n().locale());
        String key = e.key();
        String field = key.substring(key.lastIndexOf('.') + 1);
        Label error = errors.get(field);
        if (key.startsWith("consent.") && error != null) {
            error.setText(text);
        } else {
            message.getStyleClass().setAll("label", "danger");
            message.setText(text);
        }
    }

    private void exportSelected() {
        Integer n = versions.getSelectionModel().getSelectedItem();
        if (n == null) {
            return;
        }
        ctx.dialogs().saveFile(stage, ctx.text("consent.exportPdf"), ctx.text("consent.fileName", n)).ifPresent(target ->
                ctx.run(ctx.task(() -> {
                    OwnerOnlyFiles.writeAtomically(target.toAbsolutePath(), ctx.services().consents().pdf(inbox, link.id(), n));
                    return target;
                }).onSuccess(t -> {
                    message.getStyleClass().setAll("label", "success");
                    message.setText(ctx.text("consent.exported", t.getFileName()));
                }).onError(UserException.class, this::showError)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Accepts 23.4.1980 and 1980-04-23; empty is "missing" (the back end names the field). */
    private LocalDate parseDate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        return t.contains("-") ? LocalDate.parse(t) : LocalDate.parse(t, DateTimeFormatter.ofPattern(ctx.text("format.dateInput")));
    }
}
