package de.patientenversand.ui.activity;

import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.UiContext;
import de.patientenversand.vault.ActivityEntry;
import de.patientenversand.vault.ActivityText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The "Aktivität" tab: the activity log in plain words, newest first, with the time as
 * "3. Dezember 2026, 14:05". Unusual entries (failed unlocks, many failed link attempts, uploads
 * on a revoked link) carry a warning sign and the word "Auffällig", not only a colour. The log
 * holds no personal data by construction, so nothing here needs to be wiped on lock.
 */
public final class ActivityView {
    private final UiContext ctx;
    private final ActivityText text;
    private final ListView<ActivityEntry> list = new ListView<>();
    private final Label summary = new Label();
    private final VBox root;

    public ActivityView(UiContext ctx) {
        this.ctx = ctx;
        this.text = new ActivityText(ctx.i18n().locale(), ctx.services().zone());
        Controls c = new Controls(ctx.i18n());
        Label title = c.title("activity.title");
        Label intro = c.label("activity.intro");
        summary.setId("activitySummary");
        summary.setWrapText(true);
        summary.accessibleTextProperty().bind(summary.textProperty());
        Button refresh = c.button("activity.refresh", this::refresh);
        refresh.setId("activityRefresh");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(12, title, spacer, refresh);
        head.setAlignment(Pos.CENTER_LEFT);
        list.setId("activityList");
        list.setAccessibleText(ctx.text("activity.title"));
        list.setPlaceholder(c.label("activity.empty"));
        list.setCellFactory(v -> new EntryCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        root = new VBox(10, head, intro, summary, list);
        root.setPadding(new Insets(16));
    }

    public Parent view() {
        return root;
    }

    /** Reads the log in the background and shows it, newest first. */
    public void refresh() {
        ctx.run(ctx.task(() -> ctx.services().vault().activity()).onSuccess(this::show));
    }

    private void show(List<ActivityEntry> entries) {
        List<ActivityEntry> newestFirst = new ArrayList<>(entries);
        Collections.reverse(newestFirst);
        list.getItems().setAll(newestFirst);
        long unusual = entries.stream().filter(ActivityEntry::unusual).count();
        summary.getStyleClass().removeAll("warning", "success");
        if (unusual > 0) {
            summary.setText("\u26A0 " + ctx.text("activity.unusualCount", unusual));
            summary.getStyleClass().add("warning");
        } else {
            summary.setText(entries.isEmpty() ? "" : ctx.text("activity.nothingUnusual"));
        }
    }

    /** One entry: time, the "Auffällig" badge when set, the sentence. */
    private final class EntryCell extends ListCell<ActivityEntry> {
        @Override
        protected void updateItem(ActivityEntry e, boolean empty) {
            super.updateItem(e, empty);
            setText(null);
            if (empty || e == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            Label time = new Label(ctx.formats().dateTime(e.time()));
            time.setMinWidth(Region.USE_PREF_SIZE);
            time.getStyleClass().add("text-muted");
            Label sentence = new Label(text.text(e));
            sentence.setWrapText(true);
            HBox row = new HBox(12, time);
            row.setAlignment(Pos.CENTER_LEFT);
            String accessible = time.getText() + ", " + sentence.getText();
            if (e.unusual()) {
                Label badge = new Label("\u26A0 " + ctx.text("activity.unusual"));
                badge.setId("unusual-" + e.id());
                badge.setMinWidth(Region.USE_PREF_SIZE);
                badge.getStyleClass().addAll("danger", "text-bold");
                badge.setStyle("-fx-background-color: -color-danger-subtle; -fx-padding: 2 8 2 8;"
                        + " -fx-background-radius: 4;");
                row.getChildren().add(badge);
                sentence.getStyleClass().add("text-bold");
                accessible = time.getText() + ", " + badge.getText() + ": " + sentence.getText();
            }
            row.getChildren().add(sentence);
            setGraphic(row);
            setAccessibleText(accessible);
        }
    }
}
