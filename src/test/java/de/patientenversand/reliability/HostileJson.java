package de.patientenversand.reliability;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * JSON bodies for {@code POST /u/{token}/submissions} and {@code …/complete}: valid ones (also
 * with escapes, unknown keys, nulls, a BOM) and malformed ones, wrong types, duplicate keys,
 * deep nesting and oversize, each with what a correct server answers. Also the rule for what a
 * sender and a message become when stored, the same whichever way they came in.
 */
final class HostileJson {
    private static final String[] PIECES = {"Praxis Dr. Muster", "Müller", "U\u0308bel", "😷", "\u0000", "\r\n", "\t", "\u001b[31m",
        "\u202e", "<script>alert(1)</script>", "\"", "\\", "'", "日本", " ", "\u0085", "\u2028", "ß", "&#246;", "\u00a0"};

    enum Kind {
        VALID, VALID_EXTRA_KEYS, VALID_NULLS, VALID_MISSING_KEYS, VALID_EMPTY_OBJECT, VALID_EMPTY_BODY, VALID_BOM,
        VALID_ESCAPED, VALID_NESTED_EXTRA, VALID_LONG_EMOJI,
        TRUNCATED, TRAILING_COMMA, SINGLE_QUOTES, COMMENT, NAN, BARE_WORD, BAD_ESCAPE, RAW_CONTROL, INVALID_UTF8,
        TRAILING_GARBAGE, TWO_OBJECTS, NOT_AN_OBJECT, WHITESPACE_ONLY, WRONG_TYPE, DUPLICATE_KEY, DEEP_NESTING,
        LONG_SENDER, LONG_MESSAGE, HUGE_BODY
    }

    /** {@code sender}/{@code message}: what was sent (null for refusals); {@code codes}: empty when 201 is due. */
    record Case(Kind kind, byte[] body, String sender, String message, Set<String> codes) {
        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return kind + " " + (text.length() > 200 ? text.substring(0, 200) + "… (" + body.length + " bytes)" : text);
        }
    }

    private HostileJson() {
    }

    static Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.longs()).as((k, seed) -> build(k, new Random(seed)));
    }

    /** Text a practice might type, with the hostile bits: control characters, bidi overrides, NFD, emoji. */
    static String text(Random r, int maxPieces) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(maxPieces + 1);
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(3) == 0 ? PIECES[r.nextInt(PIECES.length)] : "abcäöü XYZ 123".substring(r.nextInt(8)));
        }
        return sb.toString();
    }

    /** What a sender becomes when stored: NFC, control characters as spaces, trimmed. */
    static String storedSender(String sent) {
        return Normalizer.normalize(sent, Normalizer.Form.NFC).replaceAll("\\p{Cntrl}", " ").strip();
    }

    /** What a message becomes when stored: NFC, control characters except newline and tab dropped, trimmed. */
    static String storedMessage(String sent) {
        return Normalizer.normalize(sent, Normalizer.Form.NFC).replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").strip();
    }

    static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    static Case build(Kind k, Random r) {
        String sender = text(r, 8);
        String message = text(r, 30);
        String valid = "{\"sender\":" + quote(sender) + ",\"message\":" + quote(message) + "}";
        return switch (k) {
            case VALID -> ok(k, valid, sender, message);
            case VALID_EXTRA_KEYS -> ok(k, shuffled(r, "\"sender\":" + quote(sender), "\"message\":" + quote(message),
                    "\"x\":[1,2,{\"y\":null}]", "\"files\":3", "\"submission\":\"abc\""), sender, message);
            case VALID_NULLS -> ok(k, "{\"sender\":null,\"message\":null}", "", "");
            case VALID_MISSING_KEYS -> r.nextBoolean() ? ok(k, "{\"sender\":" + quote(sender) + "}", sender, "")
                    : ok(k, "{\"message\":" + quote(message) + "}", "", message);
            case VALID_EMPTY_OBJECT -> ok(k, " {\n} ", "", "");
            case VALID_EMPTY_BODY -> ok(k, "", "", "");
            case VALID_BOM -> new Case(k, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(valid)), sender, message, Set.of());
            case VALID_ESCAPED -> ok(k, "{\"sender\":\"" + unicodeEscaped(sender) + "\",\"message\":\"" + unicodeEscaped(message)
                    + "\"}", sender, message);
            case VALID_NESTED_EXTRA -> ok(k, "{\"sender\":" + quote(sender) + ",\"deep\":" + "[".repeat(40) + "]".repeat(40)
                    + ",\"message\":" + quote(message) + "}", sender, message);
            case VALID_LONG_EMOJI -> {
                // at most 200 characters (code points), but more than 200 UTF-16 units
                String emoji = "😷".repeat(101 + r.nextInt(100));
                yield ok(k, "{\"sender\":" + quote(emoji) + "}", emoji, "");
            }
            case TRUNCATED -> bad(k, valid.substring(0, 1 + r.nextInt(valid.length() - 1)));
            case TRAILING_COMMA -> bad(k, "{\"sender\":" + quote(sender) + ",}");
            case SINGLE_QUOTES -> bad(k, "{'sender':'x'}");
            case COMMENT -> bad(k, "{/* Kommentar */\"sender\":\"x\"}");
            case NAN -> bad(k, "{\"sender\":NaN}");
            case BARE_WORD -> bad(k, "{sender:x}");
            case BAD_ESCAPE -> bad(k, "{\"sender\":\"a\\x41\\q\"}");
            case RAW_CONTROL -> bad(k, "{\"sender\":\"a\u0001b\nc\"}");
            case INVALID_UTF8 -> new Case(k, concat(utf8("{\"sender\":\"M"), new byte[] {(byte) 0xFC, (byte) 0xC0, (byte) 0xAF}, utf8("ller\"}")),
                    null, null, Set.of("bad_request"));
            case TRAILING_GARBAGE -> bad(k, valid + (r.nextBoolean() ? " x" : "]"));
            case TWO_OBJECTS -> bad(k, valid + valid);
            case NOT_AN_OBJECT -> bad(k, List.of("[]", "\"text\"", "1", "null", "true", "[" + valid + "]").get(r.nextInt(6)));
            case WHITESPACE_ONLY -> bad(k, " \r\n\t ");
            case WRONG_TYPE -> bad(k, "{\"" + (r.nextBoolean() ? "sender" : "message") + "\":"
                    + List.of("1", "-0.5e3", "true", "false", "[\"a\"]", "{\"a\":\"b\"}", "[]", "{}").get(r.nextInt(8)) + "}");
            case DUPLICATE_KEY -> bad(k, "{\"sender\":" + quote(sender) + ",\"sender\":\"Jemand anders\"}");
            case DEEP_NESTING -> {
                // deeper than the parser allows, yet small enough to stay under the body cap
                int depth = 1_500 + r.nextInt(4_000);
                yield bad(k, r.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"sender\":\"x\",\"x\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}");
            }
            case LONG_SENDER -> new Case(k, utf8("{\"sender\":\"" + "😷".repeat(HostileHarness.LIMITS.maxSenderChars() + 1 + r.nextInt(100))
                    + "\"}"), null, null, Set.of("field_too_long"));
            case LONG_MESSAGE -> new Case(k, utf8("{\"message\":\"" + "x".repeat(HostileHarness.LIMITS.maxMessageChars() + 1 + r.nextInt(100))
                    + "\"}"), null, null, Set.of("field_too_long"));
            case HUGE_BODY -> new Case(k, utf8("{\"sender\":\"x\"" + " ".repeat(50_000 + r.nextInt(300_000)) + "}"), null, null,
                    Set.of("field_too_long"));
        };
    }

    private static Case ok(Kind k, String body, String sender, String message) {
        return new Case(k, utf8(body), sender, message, Set.of());
    }

    private static Case bad(Kind k, String body) {
        return new Case(k, utf8(body), null, null, Set.of("bad_request"));
    }

    private static String shuffled(Random r, String... members) {
        List<String> list = new ArrayList<>(List.of(members));
        Collections.shuffle(list, r);
        return "{" + String.join(" , ", list) + "}";
    }

    private static String unicodeEscaped(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(String.format("\\u%04x", (int) c));
        }
        return sb.toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
