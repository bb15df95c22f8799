package de.patientenversand.ui.consent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TouchEvent;
import javafx.scene.paint.Color;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A canvas to sign on with mouse, pen or finger. The drawing becomes PNG bytes in memory only
 * (never a temporary file): it is the patient's signature.
 */
final class SignaturePad {
    private final Canvas canvas;
    private final GraphicsContext g;
    private boolean drawn;

    SignaturePad(double width, double height, String accessibleText) {
        canvas = new Canvas(width, height);
        canvas.setId("signaturePad");
        canvas.setAccessibleText(accessibleText);
        canvas.setFocusTraversable(true);
        g = canvas.getGraphicsContext2D();
        clear();
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> begin(e.getX(), e.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> line(e.getX(), e.getY()));
        canvas.addEventHandler(TouchEvent.TOUCH_PRESSED, e -> {
            begin(e.getTouchPoint().getX(), e.getTouchPoint().getY());
            e.consume();
        });
        canvas.addEventHandler(TouchEvent.TOUCH_MOVED, e -> {
            line(e.getTouchPoint().getX(), e.getTouchPoint().getY());
            e.consume();
        });
    }

    Canvas node() {
        return canvas;
    }

    private void begin(double x, double y) {
        g.beginPath();
        g.moveTo(x, y);
    }

    private void line(double x, double y) {
        g.lineTo(x, y);
        g.stroke();
        drawn = true;
    }

    boolean isEmpty() {
        return !drawn;
    }

    void clear() {
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setStroke(Color.web("#0b2a6f"));
        g.setLineWidth(2.5);
        drawn = false;
    }

    /** The signature as PNG bytes (in memory), or {@code null} when nothing was drawn. Call on the FX thread. */
    byte[] png() {
        if (!drawn) {
            return null;
        }
        var image = canvas.snapshot(new SnapshotParameters(), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // a memory cache, so ImageIO does not spool the signature to a temporary file
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
