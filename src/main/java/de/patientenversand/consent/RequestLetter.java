package de.patientenversand.consent;

import de.patientenversand.common.UserException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The letter from the patient to a practice asking for copies of the records (Art. 15 DSGVO,
 * § 630g BGB): free first copy (Art. 15 (3)), one-month deadline (Art. 12 (3)), the link with
 * its check code, and the consent as attachment. Available as PDF and as plain text for e-mail.
 */
public final class RequestLetter {
    private final PdfTexts texts;

    public RequestLetter(ZoneId zone) {
        this.texts = new PdfTexts(zone);
    }

    /**
     * @param practiceName    edited by the patient before printing (prefilled from the link's label)
     * @param practiceAddress postal address of the practice, may be empty (for e-mail)
     */
    public record Data(String patientName, LocalDate birthDate, String patientAddress, String practiceName,
                       String practiceAddress, String linkUrl, String checkCode, LocalDate date) {
        public Data validated() {
            if (patientName == null || patientName.isBlank()) {
                throw new UserException("consent.missing.name");
            }
            if (practiceName == null || practiceName.isBlank()) {
                throw new UserException("consent.missing.practice");
            }
            if (linkUrl == null || linkUrl.isBlank()) {
                throw new UserException("letter.missing.link");
            }
            return this;
        }

        @Override
        public String toString() {
            return "RequestLetter.Data[...]";
        }
    }

    /**
     * The letter as PDF; {@code consentPdf} (may be {@code null}) is appended as the attachment,
     * all in memory.
     */
    public byte[] pdf(Data d, byte[] consentPdf) throws IOException {
        byte[] letter = pdf(d);
        if (consentPdf == null) {
            return letter;
        }
        try (PDDocument target = Loader.loadPDF(letter); PDDocument attachment = Loader.loadPDF(consentPdf)) {
            new PDFMergerUtility().appendDocument(target, attachment);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            target.save(out);
            return out.toByteArray();
        }
    }

    public byte[] pdf(Data d) throws IOException {
        d.validated();
        try (PdfComposer pdf = new PdfComposer()) {
            pdf.small(sender(d)).space(14);
            pdf.paragraph(d.practiceName() + (blank(d.practiceAddress()) ? "" : "\n" + d.practiceAddress())).space(14);
            pdf.paragraph(PdfTexts.day(d.date())).space(6);
            pdf.heading(texts.get("letter.subject"));
            for (String p : body(d)) {
                if (p.startsWith(texts.get("letter.body3"))) {
                    // the link in a smaller size, so it fits on one line
                    String[] lines = p.split("\n");
                    pdf.paragraph(lines[0]).small(lines[1]).paragraph(lines[2]);
                } else {
                    pdf.paragraph(p);
                }
            }
            pdf.space(20).paragraph(d.patientName()).space(10).small(texts.get("letter.attachment"));
            return pdf.toBytes(texts.get("letter.title"));
        }
    }

    /** The same letter as plain text, for an e-mail. */
    public String text(Data d) {
        d.validated();
        StringBuilder b = new StringBuilder();
        b.append(texts.get("letter.subject")).append("\n\n");
        for (String p : body(d)) {
            b.append(p).append("\n\n");
        }
        b.append(d.patientName()).append('\n').append(sender(d).replace(d.patientName() + "\n", "")).append("\n\n")
                .append(texts.get("letter.attachment")).append('\n');
        return b.toString();
    }

    private List<String> body(Data d) {
        List<String> p = new ArrayList<>();
        p.add(texts.get("letter.salutation"));
        p.add(texts.get("letter.body1"));
        p.add(texts.get("letter.body2"));
        p.add(texts.get("letter.body3") + "\n" + texts.get("letter.link", d.linkUrl()) + "\n"
                + texts.get("letter.check", d.checkCode()));
        p.add(texts.get("letter.body4"));
        p.add(texts.get("letter.closing"));
        return p;
    }

    private String sender(Data d) {
        StringBuilder b = new StringBuilder(d.patientName());
        if (d.birthDate() != null) {
            b.append(", ").append(texts.get("letter.born", PdfTexts.day(d.birthDate())));
        }
        if (!blank(d.patientAddress())) {
            b.append('\n').append(d.patientAddress());
        }
        return b.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
