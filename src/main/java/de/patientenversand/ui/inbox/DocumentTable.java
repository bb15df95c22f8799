package de.patientenversand.ui.inbox;

import de.patientenversand.ui.common.UiContext;
import de.patientenversand.vault.DocumentInfo;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The documents of one submission: name, type, size, date and state ("beschädigt" in red). */
final class DocumentTable {
    private final UiContext ctx;
    private final TableView<DocumentInfo> table = new TableView<>();

    DocumentTable(UiContext ctx) {
        this.ctx = ctx;
        table.setId("documentTable");
        table.setAccessibleText(ctx.text("inbox.documents"));
        table.setPlaceholder(new javafx.scene.control.Label(ctx.text("inbox.documents.empty")));
        table.getColumns().add(column("inbox.column.name", d -> (d.read() ? "" : "● ") + d.name(), 220));
        table.getColumns().add(column("inbox.column.type", this::type, 110));
        table.getColumns().add(column("inbox.column.size", d -> ctx.formats().size(d.size()), 80));
        table.getColumns().add(column("inbox.column.received", d -> ctx.formats().dateTime(d.receivedAt()), 170));
        TableColumn<DocumentInfo, String> state = column("inbox.column.state", this::state, 110);
        state.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                getStyleClass().remove("danger");
                DocumentInfo d = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (d != null && "damaged".equals(d.state())) {
                    getStyleClass().add("danger");
                }
            }
        });
        table.getColumns().add(state);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    TableView<DocumentInfo> view() {
        return table;
    }

    private TableColumn<DocumentInfo, String> column(String key, Function<DocumentInfo, String> value, double width) {
        TableColumn<DocumentInfo, String> col = new TableColumn<>(ctx.text(key));
        col.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        col.setPrefWidth(width);
        return col;
    }

    private String type(DocumentInfo d) {
        String t = d.type() == null ? "" : d.type();
        if (t.equals("application/pdf")) {
            return ctx.text("type.pdf");
        }
        if (t.startsWith("image/")) {
            return ctx.text("type.image", t.substring(6).toUpperCase(java.util.Locale.ROOT));
        }
        return ctx.text("type.other");
    }

    private String state(DocumentInfo d) {
        return switch (d.state() == null ? "ok" : d.state()) {
            case "damaged" -> ctx.text("state.damaged");
            case "unconfirmed" -> ctx.text("state.unconfirmed");
            default -> ctx.text(d.read() ? "state.read" : "state.unread");
        };
    }
}
