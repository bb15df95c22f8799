package de.patientenversand.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * Decides from the first bytes of a file (magic bytes via Apache Tika core, never the declared
 * type or the name) whether it is one of the types of DESIGN.md section 6. Anything that a
 * browser or the patient's computer could run (HTML, SVG, XML, scripts, executables) and
 * anything unrecognised is refused, so the vault never holds a document that acts on its own.
 */
public final class TypeDetector {
    private static final Set<String> ALLOWED = Set.of(
            "application/pdf",
            "image/jpeg", "image/png", "image/gif", "image/tiff", "image/webp",
            "image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence",
            "application/dicom",
            "application/zip", "application/x-tika-ooxml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            "application/x-tika-msoffice", "application/msword", "application/vnd.ms-excel",
            "application/rtf",
            "video/mp4", "video/quicktime", "application/mp4");
    private static final String[] TEXT_MARKERS = {"<html", "<!doctype", "<script", "<svg", "<?xml"};
    private static final String[] SCRIPT_STARTS = {"#!", "<?php", "@echo"};
    private final MimeTypes tika = MimeTypes.getDefaultMimeTypes();

    /** The detected media type if accepted, else {@code null}. {@code head} is at most the sniff buffer. */
    public String detect(byte[] head, int length) {
        MediaType type;
        try {
            type = tika.detect(new ByteArrayInputStream(head, 0, length), new Metadata());
        } catch (IOException e) {
            return null;
        }
        String base = type.getBaseType().toString();
        if (ALLOWED.contains(base)) {
            if (base.startsWith("video/") || base.equals("application/mp4")) {
                return videoBrand(head, length);
            }
            return refineZip(base, head, length);
        }
        if (base.equals("text/plain") || base.equals("application/octet-stream")) {
            return isPlainText(head, length) ? "text/plain" : null;
        }
        return null;
    }

    /** MOV only for the QuickTime brand; every other ISO base media brand is MP4. */
    private static String videoBrand(byte[] head, int length) {
        String brand = length >= 12 ? new String(head, 8, 4, StandardCharsets.ISO_8859_1) : "";
        return brand.equals("qt  ") ? "video/quicktime" : "video/mp4";
    }

    /** Names the Office/ODF formats built on ZIP from their first entry names. */
    private static String refineZip(String base, byte[] head, int length) {
        if (!base.equals("application/zip") && !base.equals("application/x-tika-ooxml")) {
            return base;
        }
        String s = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        if (s.contains("mimetypeapplication/vnd.oasis.opendocument.text")) {
            return "application/vnd.oasis.opendocument.text";
        }
        if (s.contains("mimetypeapplication/vnd.oasis.opendocument.spreadsheet")) {
            return "application/vnd.oasis.opendocument.spreadsheet";
        }
        if (s.contains("word/")) {
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        }
        if (s.contains("xl/")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        return "application/zip";
    }

    /**
     * Valid UTF-8 (a sequence cut at the end of the buffer is fine) or Latin-1, no NUL or other
     * control bytes, no markup or script start in the first bytes.
     */
    static boolean isPlainText(byte[] head, int length) {
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xff;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' || b == 0x7f) {
                return false;
            }
        }
        String text = decodeUtf8(head, length);
        if (text == null) {
            text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String marker : TEXT_MARKERS) {
            if (lower.contains(marker)) {
                return false;
            }
        }
        String start = lower.stripLeading();
        for (String s : SCRIPT_STARTS) {
            if (start.startsWith(s)) {
                return false;
            }
        }
        return true;
    }

    private static String decodeUtf8(byte[] head, int length) {
        for (int cut = 0; cut < 4 && cut < length; cut++) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(head, 0, length - cut)).toString();
            } catch (CharacterCodingException e) {
                // try again without the last bytes: the buffer may end inside a character
            }
        }
        return null;
    }
}
