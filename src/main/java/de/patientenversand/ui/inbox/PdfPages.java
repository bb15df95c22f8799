package de.patientenversand.ui.inbox;

import java.awt.image.BufferedImage;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A PDF held entirely in memory, rendered one page at a time. PDFBox gets the bytes and a
 * memory-only stream cache, so it never writes a scratch file (no plaintext on disk).
 * PDFBox parses lazily and is not thread-safe: the page count is read once while loading (on the
 * background thread), so the FX thread never touches the document while a page renders.
 */
final class PdfPages implements AutoCloseable {
    private final PDDocument document;
    private final PDFRenderer renderer;
    private final int pageCount;

    PdfPages(byte[] pdf) throws IOException {
        this.document = Loader.loadPDF(new RandomAccessReadBuffer(pdf), IOUtils.createMemoryOnlyStreamCache());
        this.renderer = new PDFRenderer(document);
        this.pageCount = document.getNumberOfPages();
    }

    int pageCount() {
        return pageCount;
    }

    /** Renders page {@code index} (0-based) at {@code scale} (1.0 = 72 dpi). */
    synchronized BufferedImage render(int index, float scale) throws IOException {
        return renderer.renderImage(index, scale, ImageType.RGB);
    }

    @Override
    public synchronized void close() {
        try {
            document.close();
        } catch (IOException ignored) {
            // nothing was written anywhere; closing only frees memory
        }
    }
}
