package de.patientenversand.consent;

import java.io.IOException;
import java.time.ZoneId;

/**
 * Renders the practice's receipt (Empfangsbestätigung): patient, link, sender as entered, time
 * of receipt and, per document, name, size and SHA-256, which practices file for their records.
 */
public final class ReceiptPdf {
    private final PdfTexts texts;

    public ReceiptPdf(ZoneId zone) {
        this.texts = new PdfTexts(zone);
    }

    public byte[] render(ReceiptContent receipt) throws IOException {
        try (PdfComposer pdf = new PdfComposer()) {
            pdf.title(texts.get("receipt.title")).paragraph(texts.get("receipt.intro"))
                    .field(texts.get("receipt.patient"), receipt.patientName())
                    .field(texts.get("receipt.link"), receipt.linkLabel())
                    .field(texts.get("receipt.sender"), receipt.sender())
                    .field(texts.get("receipt.time"), texts.time(receipt.receivedAt()))
                    .field(texts.get("receipt.delivery"), receipt.submission())
                    .heading(texts.get("receipt.files"));
            int n = 1;
            for (ReceiptContent.File file : receipt.files()) {
                pdf.paragraph(texts.get("receipt.file", n++, file.name()))
                        .small(texts.get("receipt.size", PdfTexts.size(file.size()), Long.toString(file.size())))
                        .small(texts.get("receipt.sha", file.sha256()))
                        .space(4);
            }
            pdf.space(6).small(texts.get("receipt.details"));
            return pdf.toBytes(texts.get("receipt.title"));
        }
    }
}
