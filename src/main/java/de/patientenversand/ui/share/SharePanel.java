package de.patientenversand.ui.share;

import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.LinkAccess;
import de.patientenversand.ui.common.LinkAccess.ShareLink;
import de.patientenversand.ui.common.ServerStatus;
import de.patientenversand.ui.common.UiContext;
import de.patientenversand.vault.Inbox;
import java.time.Duration;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Links for practices: each active link with copy, check code, QR code and revoke; a form for a
 * new link; whether practices can reach this computer; and a notice when the address changed.
 */
public final class SharePanel {
    private static final int[] DAYS = {7, 30, 90, 365};
    private final UiContext ctx;
    private final Inbox inbox;
    private final LinkAccess links;
    private final VBox cards = new VBox(12);
    private final Label message;
    private final VBox root;

    public SharePanel(UiContext ctx, ServerStatus status, Inbox inbox) {
        this.ctx = ctx;
        this.inbox = inbox;
        this.links = ctx.services().links();
        Controls c = new Controls(ctx.i18n());
        Label state = new Label();
        state.setId("shareStatus");
        state.textProperty().bind(status.textProperty());
        state.accessibleTextProperty().bind(status.textProperty());
        state.getStyleClass().add("title-4");
        Label changed = c.label("share.addressChanged");
        changed.setId("addressChanged");
        changed.getStyleClass().add("warning");
        changed.visibleProperty().bind(status.addressChangedProperty());
        changed.managedProperty().bind(changed.visibleProperty());
        status.baseUrlProperty().addListener((o, was, now) -> refresh());

        TextField label = c.field("share.new.label");
        label.setId("newLinkLabel");
        label.setPrefColumnCount(24);
        ChoiceBox<Integer> expiry = new ChoiceBox<>();
        expiry.setId("newLinkExpiry");
        for (int d : DAYS) {
            expiry.getItems().add(d);
        }
        expiry.setValue(30);
        expiry.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer days) {
                return days == null ? "" : ctx.text("share.new.days", days);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        expiry.setAccessibleText(ctx.text("share.new.expiry"));
        message = c.message();
        message.setId("shareMessage");
        Button create = c.primary("share.new.create", () -> create(label, expiry.getValue()));
        create.setId("newLinkCreate");
        VBox form = new VBox(8, c.title("share.new.title"), c.label("share.new.text"),
                new HBox(8, label, expiry, create), message);

        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        cards.setPadding(new Insets(4));
        root = new VBox(14, state, changed, c.label("share.text"), form, c.title("share.active"), scroll);
        root.setPadding(new Insets(16));
    }

    public Parent view() {
        return root;
    }

    public void refresh() {
        ctx.run(ctx.task(() -> links.list(inbox)).onSuccess(this::show));
    }

    private void show(List<ShareLink> all) {
        cards.getChildren().clear();
        java.time.Instant now = ctx.services().clock().instant();
        all.stream().filter(l -> l.activeAt(now))
                .forEach(l -> cards.getChildren().add(new LinkCard(ctx, l, this::revoke,
                        link -> new de.patientenversand.ui.consent.ConsentEditor(ctx, inbox, link).show(),
                        link -> new de.patientenversand.ui.consent.LetterEditor(ctx, inbox, link).show()).view()));
        if (cards.getChildren().isEmpty()) {
            cards.getChildren().add(new Label(ctx.text("share.none")));
        }
    }

    private void create(TextField label, int days) {
        String text = label.getText().strip();
        if (text.isEmpty()) {
            message.setText(ctx.text("share.new.labelMissing"));
            return;
        }
        message.setText("");
        ctx.run(ctx.task(() -> links.create(inbox, text, Duration.ofDays(days))).onSuccess(l -> {
            label.clear();
            refresh();
        }));
    }

    private void revoke(ShareLink link) {
        ButtonType yes = new ButtonType(ctx.text("share.revoke.confirm"), ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(ctx.text("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, ctx.text("share.revoke.question", link.label()), yes, no);
        alert.setHeaderText(null);
        alert.setTitle(ctx.text("share.revoke"));
        alert.initOwner(ctx.stage());
        alert.showAndWait().filter(yes::equals).ifPresent(b -> ctx.run(ctx.task(() -> {
            links.revoke(inbox, link.id());
            return null;
        }).onSuccess(x -> refresh())));
    }

    /** Drops labels and links from the view (on lock). */
    public void clear() {
        cards.getChildren().clear();
    }
}
