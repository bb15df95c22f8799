package de.patientenversand.ui.inbox;

import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.UiContext;
import de.patientenversand.vault.DocumentInfo;
import de.patientenversand.vault.Inbox;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

/**
 * Shows a document inside the app: PDF pages rendered in memory, images decoded from a stream,
 * "Keine Vorschau" for anything else. Decrypted bytes live only in memory and are dropped (and
 * overwritten) when another document is chosen or the inbox locks.
 */
final class PreviewPane {
    private static final float[] ZOOMS = {0.5f, 0.75f, 1.0f, 1.25f, 1.5f, 2.0f, 3.0f};
    private static final int FIT = 2;
    private final UiContext ctx;
    private final Inbox inbox;
    private final ImageView image = new ImageView();
    private final Label message;
    private final Label pageLabel = new Label();
    private final HBox pager;
    private final BorderPane root = new BorderPane();
    private final ScrollPane scroll;
    private PdfPages pdf;
    private byte[] plaintext;
    private int page;
    private int zoom = FIT;
    private long generation;

    PreviewPane(UiContext ctx, Inbox inbox) {
        this.ctx = ctx;
        this.inbox = inbox;
        Controls c = new Controls(ctx.i18n());
        message = c.label("preview.none");
        message.setId("previewMessage");
        image.setPreserveRatio(true);
        image.setId("previewImage");
        image.setAccessibleText(ctx.text("preview.image"));
        Button prev = symbol(c, "preview.previousPage", () -> showPage(page - 1));
        Button next = symbol(c, "preview.nextPage", () -> showPage(page + 1));
        Button smaller = symbol(c, "preview.zoomOut", () -> zoom(-1));
        Button larger = symbol(c, "preview.zoomIn", () -> zoom(1));
        pageLabel.setId("previewPage");
        pager = new HBox(8, prev, pageLabel, next, smaller, larger);
        pager.setAlignment(Pos.CENTER_LEFT);
        pager.setPadding(new Insets(6));
        pager.setVisible(false);
        scroll = new ScrollPane(new StackPane(image, message));
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        message.setMaxWidth(360);
        scroll.viewportBoundsProperty().addListener((o, was, now) -> fit());
        root.setCenter(scroll);
        root.setBottom(pager);
        root.setMinWidth(320);
    }

    Parent view() {
        return root;
    }

    /** A small button with a symbol; its name (and tooltip) comes from the bundle. */
    private static Button symbol(Controls c, String key, Runnable action) {
        Button b = c.button(key + ".symbol", action);
        String name = c.label(key).getText();
        b.setAccessibleText(name);
        b.setTooltip(new javafx.scene.control.Tooltip(name));
        b.setId(key.replace('.', '-'));
        return b;
    }

    /** 100 % is the width of the pane; the zoom steps scale from there. */
    private void fit() {
        double width = scroll.getViewportBounds().getWidth() - 16;
        if (image.getImage() != null && width > 50) {
            double want = pdf != null ? width * ZOOMS[zoom] : Math.min(width, image.getImage().getWidth());
            image.setFitWidth(want);
        }
    }

    void show(DocumentInfo doc) {
        clear();
        long mine = ++generation;
        if ("damaged".equals(doc.state())) {
            say("preview.damaged");
            return;
        }
        boolean isPdf = "application/pdf".equals(doc.type());
        boolean isImage = doc.type() != null && doc.type().startsWith("image/");
        if (!isPdf && !isImage) {
            say("preview.none");
            return;
        }
        say("preview.loading");
        ctx.run(ctx.task(() -> {
            byte[] bytes;
            try (InputStream in = inbox.open(doc.id())) {
                bytes = in.readAllBytes();
            }
            return bytes;
        }).onSuccess(bytes -> {
            if (mine != generation) {
                Arrays.fill(bytes, (byte) 0);
                return;
            }
            plaintext = bytes;
            if (isPdf) {
                openPdf(bytes, mine);
            } else {
                showImage(bytes);
            }
        }).onError(IOException.class, e -> {
            if (mine == generation) {
                say("preview.damaged");
            }
        }));
    }

    private void showImage(byte[] bytes) {
        Image decoded = new Image(new ByteArrayInputStream(bytes));
        if (decoded.isError()) {
            say("preview.cannotShow");
            return;
        }
        image.setImage(decoded);
        message.setText("");
        fit();
    }

    private void openPdf(byte[] bytes, long mine) {
        ctx.run(ctx.task(() -> new PdfPages(bytes)).onSuccess(pages -> {
            if (mine != generation) {
                pages.close();
                return;
            }
            pdf = pages;
            pager.setVisible(true);
            showPage(0);
        }).onError(IOException.class, e -> say("preview.cannotShow")));
    }

    private void zoom(int step) {
        zoom = Math.clamp(zoom + step, 0, ZOOMS.length - 1);
        showPage(page);
    }

    private void showPage(int index) {
        if (pdf == null || index < 0 || index >= pdf.pageCount()) {
            return;
        }
        page = index;
        PdfPages pages = pdf;
        long mine = generation;
        float scale = (float) Math.max(1.0, scroll.getViewportBounds().getWidth() * ZOOMS[zoom] / 595.0 * 1.25);
        pageLabel.setText(ctx.text("preview.page", index + 1, pages.pageCount(), Math.round(ZOOMS[zoom] * 100)));
        ctx.run(ctx.task(() -> SwingFXUtils.toFXImage(pages.render(index, scale), null)).onSuccess(fx -> {
            if (mine == generation) {
                image.setImage(fx);
                message.setText("");
                fit();
            }
        }).onError(Exception.class, e -> say("preview.cannotShow")));
    }

    private void say(String key) {
        image.setImage(null);
        message.setText(ctx.text(key));
    }

    /** Drops every decrypted byte and image. */
    void clear() {
        generation++;
        image.setImage(null);
        pager.setVisible(false);
        message.setText(ctx.text("preview.choose"));
        if (pdf != null) {
            pdf.close();
            pdf = null;
        }
        if (plaintext != null) {
            Arrays.fill(plaintext, (byte) 0);
            plaintext = null;
        }
        page = 0;
    }

    /** What the pane currently says (for tests and screen readers). */
    String messageText() {
        return message.getText();
    }
}
