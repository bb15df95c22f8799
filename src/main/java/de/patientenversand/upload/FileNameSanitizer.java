package de.patientenversand.upload;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Turns whatever a client sent as a file name into a display name (DESIGN.md section 6): NFC,
 * last path segment only, no control characters or {@code <>:"|?*}, no trailing dots or spaces,
 * Windows reserved names defused ({@code CON.pdf} → {@code CON_.pdf}), at most 200 characters
 * and 240 bytes of UTF-8 with the extension kept, {@code Dokument} when nothing is left. The
 * result is metadata only and never used as a path; it is safe to export on any OS.
 */
public final class FileNameSanitizer {
    public static final String FALLBACK = "Dokument";
    static final int MAX_CHARS = 200;
    static final int MAX_BYTES = 240;
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    public String sanitize(String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        String s = raw;
        int nul = s.indexOf('\0');
        if (nul >= 0) {
            s = s.substring(0, nul); // "a.pdf\0.jpg": the NUL and everything after it go
        }
        s = Normalizer.normalize(s, Normalizer.Form.NFC);
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        s = s.substring(cut + 1);
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().filter(cp -> !Character.isISOControl(cp) && "<>:\"|?*".indexOf(cp) < 0
                        && Character.getType(cp) != Character.FORMAT || cp == 0x200D)
                .forEach(sb::appendCodePoint);
        s = stripTrailingDotsAndSpaces(sb.toString().strip());
        if (s.isEmpty()) {
            return FALLBACK;
        }
        s = defuseReserved(s);
        s = shorten(s);
        s = stripTrailingDotsAndSpaces(s);
        return s.isEmpty() ? FALLBACK : s;
    }

    private static String stripTrailingDotsAndSpaces(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '.' || Character.isWhitespace(s.charAt(end - 1)))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String defuseReserved(String s) {
        int dot = s.indexOf('.');
        String base = dot < 0 ? s : s.substring(0, dot);
        if (RESERVED.contains(base.strip().toUpperCase(Locale.ROOT))) {
            return base + "_" + (dot < 0 ? "" : s.substring(dot));
        }
        return s;
    }

    /** Shortens the base name on a code-point boundary until both limits hold; keeps a short extension. */
    private static String shorten(String s) {
        if (s.length() <= MAX_CHARS && utf8(s) <= MAX_BYTES) {
            return s;
        }
        int dot = s.lastIndexOf('.');
        String ext = dot > 0 && s.length() - dot <= 16 ? s.substring(dot) : "";
        String base = ext.isEmpty() ? s : s.substring(0, dot);
        while (!base.isEmpty() && (base.length() + ext.length() > MAX_CHARS || utf8(base) + utf8(ext) > MAX_BYTES)) {
            base = base.substring(0, base.offsetByCodePoints(base.length(), -1));
        }
        return base + ext;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
