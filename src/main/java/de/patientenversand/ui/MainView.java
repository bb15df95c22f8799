package de.patientenversand.ui;

import de.patientenversand.ui.activity.ActivityView;
import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.ServerStatus;
import de.patientenversand.ui.common.UiContext;
import de.patientenversand.ui.common.VaultAccess;
import de.patientenversand.ui.inbox.InboxView;
import de.patientenversand.ui.settings.SettingsView;
import de.patientenversand.ui.share.SharePanel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The unlocked window: inbox, share panel, activity and settings as tabs, the receiving status on top. */
final class MainView {
    private final UiContext ctx;
    private final VaultAccess.Unlocked unlocked;
    private final InboxView inbox;
    private final SharePanel share;
    private final TabPane tabs = new TabPane();
    private final Tab shareTab;
    private final BorderPane root = new BorderPane();

    MainView(UiContext ctx, ServerStatus status, VaultAccess.Unlocked unlocked, Runnable lock, Runnable restartServer) {
        this.ctx = ctx;
        this.unlocked = unlocked;
        Controls c = new Controls(ctx.i18n());
        this.inbox = new InboxView(ctx, unlocked.inbox());
        this.share = new SharePanel(ctx, status, unlocked.inbox());
        SettingsView settings = new SettingsView(ctx, restartServer);
        Tab inboxTab = tab("tab.inbox", inbox.view());
        inboxTab.setId("tabInbox");
        shareTab = tab("tab.share", share.view());
        shareTab.setId("tabShare");
        Tab settingsTab = tab("tab.settings", settings.view());
        settingsTab.setId("tabSettings");
        ActivityView activity = new ActivityView(ctx);
        Tab activityTab = tab("tab.activity", activity.view());
        activityTab.setId("tabActivity");
        activityTab.setOnSelectionChanged(e -> {
            if (activityTab.isSelected()) {
                activity.refresh();
            }
        });
        tabs.getTabs().addAll(inboxTab, shareTab, activityTab, settingsTab);

        Label state = new Label();
        state.setId("serverStatus");
        state.textProperty().bind(status.textProperty());
        state.accessibleTextProperty().bind(status.textProperty());
        status.reachableProperty().addListener((o, was, now) -> styleState(state, now));
        styleState(state, status.reachableProperty().get());
        Label notice = inbox.notice();
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button lockButton = c.button("main.lock", lock);
        lockButton.setId("lockButton");
        HBox bar = new HBox(16, state, notice, spacer, lockButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        VBox top = new VBox(bar);
        if (!unlocked.recipientMatches()) {
            Label warning = c.label("main.recipientMismatch");
            warning.setId("checkWarning");
            warning.getStyleClass().addAll("danger", "title-4");
            warning.setPadding(new Insets(12));
            warning.setStyle("-fx-background-color: -color-danger-subtle;");
            warning.setMaxWidth(Double.MAX_VALUE);
            top.getChildren().add(0, warning);
        }
        root.setTop(top);
        root.setCenter(tabs);
    }

    private static void styleState(Label state, boolean reachable) {
        state.getStyleClass().removeAll("success", "warning");
        state.getStyleClass().add(reachable ? "success" : "warning");
    }

    private Tab tab(String key, Parent content) {
        Tab t = new Tab(ctx.text(key), content);
        t.setClosable(false);
        return t;
    }

    Parent view() {
        return root;
    }

    void start(boolean sharePanelFirst) {
        if (sharePanelFirst) {
            tabs.getSelectionModel().select(shareTab);
        }
        inbox.refresh(true);
        share.refresh();
    }

    void uploadArrived() {
        inbox.refresh(true);
    }

    /** Clears every decrypted view and closes the inbox (wiping its key). */
    void close() {
        inbox.clear();
        share.clear();
        unlocked.inbox().close();
        ctx.stage().setTitle(ctx.text("window.title"));
    }
}
