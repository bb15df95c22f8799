package de.patientenversand.consent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;

/**
 * Renders the consent (Einwilligung) as a PDF of one or two pages: who consents to what, how the
 * documents travel (through Cloudflare's network, stated plainly), what the practice may do,
 * revocability, date, signature and a SHA-256 over the declared content for reference.
 */
public final class ConsentPdf {
    private final PdfTexts texts;

    public ConsentPdf(ZoneId zone) {
        this.texts = new PdfTexts(zone);
    }

    /**
     * @param linkExpiresAt until when the practice may send through the link
     * @param version       1 for the first consent of the link, then 2, 3...
     */
    public byte[] render(ConsentData data, Instant linkExpiresAt, int version) throws IOException {
        try (PdfComposer pdf = new PdfComposer()) {
            pdf.title(texts.get("consent.title"))
                    .small(texts.get("consent.version", version))
                    .space(6)
                    .paragraph(texts.get("consent.intro", data.name(), PdfTexts.day(data.birthDate())))
                    .field(texts.get("consent.patient"), data.name())
                    .field(texts.get("consent.birth"), PdfTexts.day(data.birthDate()));
            if (data.address() != null && !data.address().isBlank()) {
                pdf.field(texts.get("consent.address"), data.address());
            }
            pdf.field(texts.get("consent.practice"), data.practice())
                    .field(texts.get("consent.scope"), data.scope())
                    .heading(texts.get("consent.how.heading")).paragraph(texts.get("consent.how"))
                    .heading(texts.get("consent.may.heading")).paragraph(texts.get("consent.may", texts.day(linkExpiresAt)))
                    .heading(texts.get("consent.revoke.heading")).paragraph(texts.get("consent.revoke"))
                    .space(2)
                    .field(texts.get("consent.place"), PdfTexts.day(data.date()))
                    .label(texts.get("consent.signature"));
            if (data.signaturePng() != null && data.signaturePng().length > 0) {
                pdf.image(data.signaturePng(), 200, 50);
            } else {
                pdf.paragraph(data.typedSignature()).small(texts.get("consent.signature.typed"));
            }
            pdf.rule().space(2).small(texts.get("consent.reference", contentHash(data, linkExpiresAt, version)));
            return pdf.toBytes(texts.get("consent.title"));
        }
    }

    /** SHA-256 over the declared content (fields, signature, link validity, version), in hex. */
    public static String contentHash(ConsentData data, Instant linkExpiresAt, int version) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {"consent v1", data.name(), String.valueOf(data.birthDate()),
                nullToEmpty(data.address()), data.practice(), data.scope(), nullToEmpty(data.typedSignature()),
                String.valueOf(data.date()), linkExpiresAt.toString(), Integer.toString(version)}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update(HexFormat.of().withUpperCase().formatHex(new byte[] {(byte) (bytes.length >>> 8), (byte) bytes.length})
                        .getBytes(StandardCharsets.US_ASCII));
                sha.update(bytes);
            }
            if (data.signaturePng() != null) {
                sha.update(data.signaturePng());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
