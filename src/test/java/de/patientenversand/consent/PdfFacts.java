package de.patientenversand.consent;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** What a test reads back from a rendered PDF: its text, its glyph positions, its fonts. */
final class PdfFacts {
    final String text;
    final int pages;
    final float pageWidth;
    final List<Float> glyphRightEdges = new ArrayList<>();
    final List<String> fonts = new ArrayList<>();
    final List<Boolean> fontsEmbedded = new ArrayList<>();

    PdfFacts(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            pages = doc.getNumberOfPages();
            pageWidth = doc.getPage(0).getMediaBox().getWidth();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String s, List<TextPosition> positions) throws IOException {
                    for (TextPosition p : positions) {
                        glyphRightEdges.add(p.getXDirAdj() + p.getWidthDirAdj());
                    }
                    super.writeString(s, positions);
                }
            };
            text = stripper.getText(doc);
            for (PDPage page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    fonts.add(font.getName());
                    fontsEmbedded.add(font.isEmbedded());
                }
            }
        }
    }

    float maxRightEdge() {
        return glyphRightEdges.stream().max(Float::compare).orElse(0f);
    }

    /** A small drawn "signature" as PNG. */
    static byte[] signaturePng() throws IOException {
        BufferedImage img = new BufferedImage(400, 120, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(20, 30, 120));
        g.setStroke(new java.awt.BasicStroke(4));
        g.drawPolyline(new int[] {10, 60, 90, 140, 180, 240, 300, 380}, new int[] {90, 20, 100, 30, 95, 25, 90, 40}, 8);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
