package de.patientenversand.consent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Lays out simple A4 documents (consent, receipt, letter) top to bottom: headings, wrapped
 * paragraphs, label/value lines and an image. Text is set in DejaVu Sans embedded as a subset,
 * so names outside Latin-1 ("Łukasz Żółć", "Ğül") print correctly on any viewer. Every line is
 * measured and wrapped to the text width (over-long words are broken by characters), so no
 * input can run off the page; a new page starts when one is full. Everything stays in memory
 * (PDFBox 3 without scratch files), because these documents hold health data.
 *
 * <p>At most {@link #AT_ONCE} documents are composed at a time in the process: while its fonts
 * are subset one document holds some 20-30 MB of heap (measured by {@code reliability.LoadTest}),
 * and in {@code serve} every completed delivery renders its receipt, so a burst of practices
 * finishing together would otherwise multiply that until the heap runs out.
 */
final class PdfComposer implements AutoCloseable {
    static final float MARGIN = 56;
    static final int AT_ONCE = 2;
    private static final Semaphore COMPOSING = new Semaphore(AT_ONCE, true);
    private static final PDRectangle SIZE = PDRectangle.A4;
    private final PDDocument doc = new PDDocument();
    private final PDFont regular;
    private final PDFont bold;
    private PDPageContentStream out;
    private float y;
    private boolean released;

    PdfComposer() {
        COMPOSING.acquireUninterruptibly();
        try {
            regular = load("/consent/fonts/DejaVuSans.ttf");
            bold = load("/consent/fonts/DejaVuSans-Bold.ttf");
        } catch (IOException | RuntimeException e) {
            release();
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    private void release() {
        if (!released) {
            released = true;
            COMPOSING.release();
        }
    }

    private PDFont load(String resource) throws IOException {
        try (InputStream in = PdfComposer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("font missing: " + resource);
            }
            return PDType0Font.load(doc, in, true);
        }
    }

    static float textWidth() {
        return SIZE.getWidth() - 2 * MARGIN;
    }

    PdfComposer title(String text) throws IOException {
        return lines(text, bold, 16, 6);
    }

    PdfComposer heading(String text) throws IOException {
        space(6);
        return lines(text, bold, 11.5f, 3);
    }

    PdfComposer paragraph(String text) throws IOException {
        return lines(text, regular, 10, 5);
    }

    PdfComposer small(String text) throws IOException {
        return lines(text, regular, 8.5f, 3);
    }

    /** "Label: value" with the label in bold on its own line when the value is long. */
    PdfComposer field(String label, String value) throws IOException {
        lines(label, bold, 9, 0);
        return lines(value == null || value.isBlank() ? "—" : value, regular, 10.5f, 4);
    }

    /** A bold label alone, e.g. above a signature. */
    PdfComposer label(String text) throws IOException {
        return lines(text, bold, 9, 2);
    }

    PdfComposer space(float points) throws IOException {
        ensurePage();
        y -= points;
        return this;
    }

    /** A PNG scaled to fit {@code maxWidth} x {@code maxHeight}, keeping its aspect ratio. */
    PdfComposer image(byte[] png, float maxWidth, float maxHeight) throws IOException {
        PDImageXObject image = PDImageXObject.createFromByteArray(doc, png, "signature");
        float scale = Math.min(maxWidth / image.getWidth(), maxHeight / image.getHeight());
        scale = Math.min(scale, 1f);
        float w = image.getWidth() * scale;
        float h = image.getHeight() * scale;
        need(h + 4);
        y -= h;
        out.drawImage(image, MARGIN, y, w, h);
        y -= 4;
        return this;
    }

    /** A horizontal line, e.g. the place of a signature. */
    PdfComposer rule() throws IOException {
        need(6);
        out.moveTo(MARGIN, y);
        out.lineTo(MARGIN + 220, y);
        out.stroke();
        y -= 6;
        return this;
    }

    private PdfComposer lines(String text, PDFont font, float size, float after) throws IOException {
        float leading = size * 1.35f;
        for (String line : wrap(clean(text, font), font, size, textWidth())) {
            need(leading);
            y -= size;
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(MARGIN, y);
            out.showText(line);
            out.endText();
            y -= leading - size;
        }
        y -= after;
        return this;
    }

    /** Splits into lines no wider than {@code width}: at spaces, else inside an over-long word. */
    static List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
        List<String> result = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(font, size, candidate) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    result.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (width(font, size, rest) > width) {
                    int cut = rest.offsetByCodePoints(0, 1);
                    while (cut < rest.length()
                            && width(font, size, rest.substring(0, rest.offsetByCodePoints(cut, 1))) <= width) {
                        cut = rest.offsetByCodePoints(cut, 1);
                    }
                    result.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            result.add(line.toString());
        }
        return result;
    }

    static float width(PDFont font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000f * size;
    }

    /** Replaces control characters and anything the font has no glyph for, so rendering never fails. */
    private static String clean(String text, PDFont font) {
        StringBuilder b = new StringBuilder(text.length());
        text.replace("\r\n", "\n").replace('\t', ' ').codePoints().forEach(cp -> {
            if (cp == '\n') {
                b.append('\n');
            } else if (Character.isISOControl(cp)) {
                b.append(' ');
            } else if (encodable(font, cp)) {
                b.appendCodePoint(cp);
            } else {
                b.append('?');
            }
        });
        return b.toString();
    }

    private static boolean encodable(PDFont font, int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private void need(float height) throws IOException {
        ensurePage();
        if (y - height < MARGIN) {
            newPage();
        }
    }

    private void ensurePage() throws IOException {
        if (out == null) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        if (out != null) {
            out.close();
        }
        PDPage page = new PDPage(SIZE);
        doc.addPage(page);
        out = new PDPageContentStream(doc, page);
        y = SIZE.getHeight() - MARGIN;
    }

    int pages() {
        return doc.getNumberOfPages();
    }

    /** The finished document. */
    byte[] toBytes(String title) throws IOException {
        ensurePage();
        out.close();
        out = null;
        doc.getDocumentInformation().setTitle(title);
        doc.getDocumentInformation().setProducer("Patientenversand");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        doc.save(bytes);
        return bytes.toByteArray();
    }

    @Override
    public void close() throws IOException {
        try {
            doc.close();
        } finally {
            release();
        }
    }
}
