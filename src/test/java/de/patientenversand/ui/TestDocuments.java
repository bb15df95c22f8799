package de.patientenversand.ui;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Documents made in memory: a scanned PDF (a JPEG per page), a PNG, a corrupt PDF. */
final class TestDocuments {
    static {
        ImageIO.setUseCache(false);
    }

    private TestDocuments() {
    }

    static byte[] jpeg(int width, int height, Color color) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(color);
        g.fillRect(width / 8, height / 8, width / 2, height / 3);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    static byte[] png(int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(30, 120, 200));
        g.fillOval(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** A "scanned" PDF: every page is one JPEG, as a practice's scanner makes them. */
    static byte[] scannedPdf(int pages) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                PDImageXObject scan = JPEGFactory.createFromByteArray(doc,
                        jpeg(620, 877, i % 2 == 0 ? new Color(200, 40, 40) : new Color(40, 160, 60)));
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.drawImage(scan, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    static byte[] corruptPdf() {
        return "%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> garbage without end\n".getBytes();
    }

    /** A one-page doctor's letter with real text, for screenshots. */
    static byte[] letterPdf() throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            var bold = new org.apache.pdfbox.pdmodel.font.PDType1Font(org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA_BOLD);
            var regular = new org.apache.pdfbox.pdmodel.font.PDType1Font(org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA);
            String[] lines = {
                "Sehr geehrte Frau Mustermann,",
                "",
                "anbei erhalten Sie den Befund Ihrer Blutuntersuchung vom 1. Dezember 2026.",
                "Alle Werte liegen im Normbereich. Eine weitere Kontrolle ist in einem Jahr",
                "empfohlen.",
                "",
                "Haemoglobin        13,9 g/dl      (12,0 - 16,0)",
                "Leukozyten          6,2 /nl       (4,0 - 10,0)",
                "Thrombozyten       245 /nl        (150 - 400)",
                "TSH                 1,8 mU/l      (0,4 - 4,0)",
                "",
                "Mit freundlichen Gruessen",
                "Dr. med. Martina Muster",
            };
            try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
                c.setNonStrokingColor(new Color(20, 80, 140));
                c.addRect(0, 780, 595, 62);
                c.fill();
                c.beginText();
                c.setNonStrokingColor(Color.WHITE);
                c.setFont(bold, 20);
                c.newLineAtOffset(50, 802);
                c.showText("Praxis Dr. Muster - Befund");
                c.endText();
                c.beginText();
                c.setNonStrokingColor(Color.BLACK);
                c.setFont(regular, 12);
                c.setLeading(18);
                c.newLineAtOffset(50, 720);
                for (String line : lines) {
                    c.showText(line);
                    c.newLine();
                }
                c.endText();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }
}
