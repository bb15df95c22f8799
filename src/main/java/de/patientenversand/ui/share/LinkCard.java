package de.patientenversand.ui.share;

import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.LinkAccess.ShareLink;
import de.patientenversand.ui.common.UiContext;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** One active link: label, the link itself, copy, check code, expiry, QR code, consent, revoke. */
final class LinkCard {
    private final HBox root;

    LinkCard(UiContext ctx, ShareLink link, Consumer<ShareLink> revoke, Consumer<ShareLink> consent,
             Consumer<ShareLink> letter) {
        Controls c = new Controls(ctx.i18n());
        Label label = new Label(link.label());
        label.getStyleClass().add("title-4");
        TextField url = new TextField(link.url());
        url.setEditable(false);
        url.setId("linkUrl-" + link.id());
        url.setAccessibleText(ctx.text("share.link.accessible", link.label()));
        HBox.setHgrow(url, Priority.ALWAYS);
        Label copied = new Label();
        copied.managedProperty().bind(copied.textProperty().isNotEmpty());
        copied.getStyleClass().add("success");
        Button copy = c.primary("share.copy", () -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(link.url());
            Clipboard.getSystemClipboard().setContent(content);
            copied.setText(ctx.text("share.copied"));
        });
        copy.setDefaultButton(false);
        copy.setId("copy-" + link.id());
        Label code = c.label("share.checkCode", link.checkCode());
        code.setId("checkCode-" + link.id());
        code.setStyle("-fx-font-weight: bold;");
        Label expiry = c.label("share.expires", ctx.formats().dateTime(link.expiresAt()));
        Button revokeButton = c.button("share.revoke", () -> revoke.accept(link));
        revokeButton.getStyleClass().add("danger");
        revokeButton.setId("revoke-" + link.id());
        Button consentButton = c.button("share.consent", () -> consent.accept(link));
        consentButton.setId("consent-" + link.id());
        Button letterButton = c.button("share.letter", () -> letter.accept(link));
        letterButton.setId("letter-" + link.id());
        ImageView qr = new ImageView(QrCodes.of(link.url(), 150));
        qr.setAccessibleText(ctx.text("share.qr", link.label()));
        VBox text = new VBox(8, label, new HBox(8, url, copy), copied, code, expiry,
                new HBox(8, consentButton, letterButton, revokeButton));
        HBox.setHgrow(text, Priority.ALWAYS);
        root = new HBox(16, text, qr);
        root.setAlignment(Pos.TOP_LEFT);
        root.setPadding(new Insets(12));
        root.getStyleClass().add("link-card");
        root.setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 6; -fx-background-radius: 6;");
    }

    Parent view() {
        return root;
    }
}
