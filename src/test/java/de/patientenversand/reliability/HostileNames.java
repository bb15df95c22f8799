package de.patientenversand.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Hostile file names as raw bytes (what a client puts on the wire), and what every stored name
 * must be whatever came in (DESIGN.md section 6, "File names"): safe to show and to export on
 * any OS, and the same through every way in.
 */
final class HostileNames {
    private static final String[] TRAVERSAL = {"../", "..\\", "../../../etc/passwd", "/etc/", "C:\\Windows\\System32\\",
        "\\\\server\\share\\", "%2e%2e%2f", "....//", "./", "~/", "file:///", "..%c0%af"};
    private static final String[] RESERVED = {"CON", "prn", "Aux", "NUL", "com1", "COM9", "LPT1", "lpt9", "CONIN$", "COM0"};
    private static final String[] FORMAT = {"\u202e", "\u202d", "\u202a", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e",
        "\u200f", "\u061c", "\u200b", "\ufeff", "\u2060", "\u200d", "\u00ad"};
    private static final String[] TEXT = {"Befund", "Arztbrief_Müller_Größe_Ärztin", "U\u0308berweisung", "Röntgen_Knie_li_😷_Straße",
        "<img src=x onerror=alert(1)>", "Befund \"Dr. Mustermann\"", "Labor; Blutbild 03.2024", "R&#246;ntgen", "日本語のファイル",
        "ü".repeat(130), "a".repeat(300), "...", " ", ".hidden", "a.pdf. . .", "x<>:\"|?*y", "Scan\r\nX-Injected: 1",
        "\t", "fdp.exe", "name.tar.gz", "%22%0D%0A", "ﬁle", "Ω", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"};
    /** Byte sequences that are not valid UTF-8: overlong forms (C0 AF is an overlong "/"), surrogates, stray bytes. */
    private static final int[][] INVALID_UTF8 = {{0xC0, 0xAF}, {0xC0, 0xAE}, {0xE0, 0x80, 0xAF}, {0xF0, 0x80, 0x80, 0xAF},
        {0xC1, 0x9C}, {0x80}, {0xBF}, {0xC3}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xFE}, {0xFF}, {0xFC}, {0xE4}};
    private static final Set<String> RESERVED_BASES = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4",
        "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private HostileNames() {
    }

    /** Raw name bytes: one to six hostile pieces, often with an extension. */
    static Arbitrary<byte[]> rawNames() {
        return Arbitraries.longs().map(seed -> raw(new Random(seed)));
    }

    static byte[] raw(Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pieces = 1 + r.nextInt(6);
        for (int i = 0; i < pieces; i++) {
            switch (r.nextInt(8)) {
                case 0 -> utf8(out, TRAVERSAL[r.nextInt(TRAVERSAL.length)]);
                case 1 -> utf8(out, RESERVED[r.nextInt(RESERVED.length)] + (r.nextBoolean() ? "" : r.nextBoolean() ? "." : " "));
                case 2 -> utf8(out, FORMAT[r.nextInt(FORMAT.length)]);
                case 3 -> {
                    for (int b : INVALID_UTF8[r.nextInt(INVALID_UTF8.length)]) {
                        out.write(b);
                    }
                }
                case 4 -> out.write(r.nextBoolean() ? r.nextInt(0x20) : 0x7f); // control bytes, NUL included
                case 5 -> utf8(out, String.valueOf((char) (0x80 + r.nextInt(0x20)))); // C1 controls as UTF-8
                default -> utf8(out, TEXT[r.nextInt(TEXT.length)]);
            }
        }
        if (r.nextInt(3) > 0) {
            utf8(out, r.nextBoolean() ? ".pdf" : r.nextBoolean() ? ".PDF" : ".pdf.exe");
        }
        return out.toByteArray();
    }

    private static void utf8(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The raw bytes in a quoted multipart {@code filename="…"} the way browsers escape it. */
    static String quoted(byte[] raw) {
        StringBuilder sb = new StringBuilder();
        for (byte b : raw) {
            switch (b) {
                case '"' -> sb.append("%22");
                case '\r' -> sb.append("%0D");
                case '\n' -> sb.append("%0A");
                default -> sb.append((char) (b & 0xff));
            }
        }
        return sb.toString();
    }

    /** The raw bytes as an RFC 5987 {@code filename*} value. */
    static String extended(byte[] raw) {
        StringBuilder sb = new StringBuilder("UTF-8''");
        for (byte b : raw) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    /** What every stored name must be, whatever the client sent. */
    static void assertSafe(String name) {
        assertThat(name).as("stored name").isNotEmpty();
        assertThat(Normalizer.isNormalized(name, Normalizer.Form.NFC)).as("NFC: %s", name).isTrue();
        assertThat(name).as("no path separators").doesNotContain("/", "\\");
        name.codePoints().forEach(cp -> {
            assertThat(Character.isISOControl(cp)).as("control U+%04X in %s", cp, name).isFalse();
            assertThat("<>:\"|?*".indexOf(cp)).as("forbidden char %c in %s", cp, name).isNegative();
            assertThat(Character.getType(cp) == Character.FORMAT && cp != 0x200D)
                    .as("format char U+%04X (bidi override, zero-width) in %s", cp, name).isFalse();
            assertThat(cp).as("replacement char (invalid UTF-8 must fall back to Latin-1) in %s", name).isNotEqualTo(0xFFFD);
            assertThat(cp >= 0xD800 && cp <= 0xDFFF).as("lone surrogate in %s", name).isFalse();
        });
        assertThat(name.length()).as("characters of %s", name).isLessThanOrEqualTo(200);
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).as("UTF-8 bytes of %s", name).isLessThanOrEqualTo(240);
        assertThat(name).as("no leading or trailing space").isEqualTo(name.strip());
        assertThat(name).as("no trailing dot").doesNotEndWith(".");
        int dot = name.indexOf('.');
        String base = (dot < 0 ? name : name.substring(0, dot)).strip().toUpperCase(Locale.ROOT);
        assertThat(RESERVED_BASES).as("Windows reserved name %s", name).doesNotContain(base);
    }

    /** True when the raw bytes are a plain name ({@code [A-Za-z0-9_-]+.ext}) that must arrive unchanged. */
    static boolean plain(byte[] raw) {
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        return s.matches("[A-Za-z0-9_-]{1,100}\\.[a-z]{1,5}") && !RESERVED_BASES.contains(s.substring(0, s.indexOf('.')).toUpperCase(Locale.ROOT));
    }
}
