package de.patientenversand.upload;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses a part's {@code Content-Disposition} as browsers really send it. The header arrives as
 * Latin-1 text (one char per byte, as the parser is told), so the original bytes are recovered
 * and decoded as UTF-8, falling back to Latin-1 for invalid UTF-8 (T01). Quoted values may hold
 * {@code ;} and escaped quotes (T04); the browsers' {@code %22}, {@code %0D}, {@code %0A} are
 * undone, nothing else is (T05: {@code &#246;} stays literal); {@code filename*} (RFC 5987)
 * wins over {@code filename}.
 *
 * @param name     the form field name, or {@code null}
 * @param filename the raw file name, or {@code null} when the part has none (a plain field)
 */
public record ContentDisposition(String name, String filename) {

    public static ContentDisposition parse(String header) {
        if (header == null) {
            return new ContentDisposition(null, null);
        }
        String name = null;
        String filename = null;
        String extended = null;
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            i++;
            while (i < header.length() && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            int eq = header.indexOf('=', i);
            int semi = header.indexOf(';', i);
            if (eq < 0 || semi >= 0 && semi < eq) {
                i = semi;
                continue;
            }
            String key = header.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            int v = eq + 1;
            String value;
            int next;
            if (v < header.length() && header.charAt(v) == '"') {
                StringBuilder sb = new StringBuilder();
                int j = v + 1;
                while (j < header.length() && header.charAt(j) != '"') {
                    char c = header.charAt(j);
                    // A backslash escapes only a quote or a backslash; "..\..\a.pdf" keeps its separators.
                    // Browsers send a backslash as it is, so one right before the quote that ends the
                    // value ("abc\") is the name's last character, not an escape.
                    if (c == '\\' && j + 1 < header.length() && (header.charAt(j + 1) == '\\'
                            || header.charAt(j + 1) == '"' && !endsValue(header, j + 2))) {
                        j++;
                        c = header.charAt(j);
                    }
                    sb.append(c);
                    j++;
                }
                value = sb.toString();
                next = header.indexOf(';', Math.min(j + 1, header.length()));
            } else {
                int end = header.indexOf(';', v);
                value = (end < 0 ? header.substring(v) : header.substring(v, end)).strip();
                next = end;
            }
            switch (key) {
                case "name" -> name = name == null ? decodeBytes(value) : name;
                case "filename" -> filename = filename == null ? undoBrowserEscapes(decodeBytes(value)) : filename;
                case "filename*" -> extended = extended == null ? decodeExtended(value) : extended;
                default -> { }
            }
            i = next;
        }
        return new ContentDisposition(name, extended != null ? extended : filename);
    }

    /** True when only spaces or tabs stand between {@code from} and a {@code ;} or the end of the header. */
    private static boolean endsValue(String header, int from) {
        int k = from;
        while (k < header.length() && (header.charAt(k) == ' ' || header.charAt(k) == '\t')) {
            k++;
        }
        return k >= header.length() || header.charAt(k) == ';';
    }

    /** The header's chars are the original bytes: decode them as UTF-8, else keep them as Latin-1. */
    static String decodeBytes(String latin1) {
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        return strictDecode(bytes, StandardCharsets.UTF_8, latin1);
    }

    private static String undoBrowserEscapes(String s) {
        return s.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n")
                .replace("%0d", "\r").replace("%0a", "\n");
    }

    /** {@code UTF-8''Gr%C3%B6%C3%9Fe.pdf} (RFC 5987); {@code null} if malformed. */
    private static String decodeExtended(String value) {
        int q1 = value.indexOf('\'');
        int q2 = q1 < 0 ? -1 : value.indexOf('\'', q1 + 1);
        if (q2 < 0) {
            return null;
        }
        String charsetName = value.substring(0, q1).strip();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String enc = value.substring(q2 + 1);
        for (int k = 0; k < enc.length(); k++) {
            char c = enc.charAt(k);
            if (c == '%' && k + 2 < enc.length() + 0 && k + 2 <= enc.length() - 1) {
                int hi = Character.digit(enc.charAt(k + 1), 16);
                int lo = Character.digit(enc.charAt(k + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi * 16 + lo);
                k += 2;
            } else {
                out.write(c & 0xff);
            }
        }
        Charset cs = "iso-8859-1".equalsIgnoreCase(charsetName) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        byte[] bytes = out.toByteArray();
        return strictDecode(bytes, cs, new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private static String strictDecode(byte[] bytes, Charset cs, String fallback) {
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return fallback;
        }
    }
}
