package de.patientenversand.upload;

import java.text.Normalizer;

/**
 * What the practice's sender and message become before they are stored, the same whichever way
 * they came in (a multipart field or the JSON of {@code POST /submissions}): NFC, control
 * characters of a sender turned into spaces, those of a message dropped except newline and tab,
 * trimmed. Lengths are counted in characters (code points) after NFC, as DESIGN.md section 6 states
 * them, so an emoji counts once on both ways in.
 */
public final class FormText {
    private FormText() {
    }

    public static String sender(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFC).replaceAll("\\p{Cntrl}", " ").strip();
    }

    public static String message(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFC).replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").strip();
    }

    /** Characters (code points) of the text after NFC, the measure of the field limits. */
    public static int characters(String raw) {
        String nfc = Normalizer.normalize(raw, Normalizer.Form.NFC);
        return nfc.codePointCount(0, nfc.length());
    }
}
