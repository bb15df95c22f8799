package de.patientenversand.reliability;

import de.patientenversand.reliability.HostileHarness.Delivery;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generates {@code POST /u/{token}/upload} bodies: a few well-formed parts, then one framing
 * fault (or none) from {@link Framing}, after upload cases T27/T28 and RFC 7578/2046. Each case
 * knows what a correct server does with it: store every file exactly ({@link Expect#STORED}),
 * refuse with one of some codes ({@link Expect#REFUSED}), or either ({@link Expect#OPEN}) — and
 * in every case which file contents it may store at all.
 */
final class HostileMultipart {
    static final String BOUNDARY = "XyZ";
    private static final String TOKEN_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'+_-.";
    /** RFC 2046 bchars without the space: legal in a quoted boundary. */
    private static final String BCHARS = TOKEN_CHARS + "(),/:=?";

    enum Expect { STORED, REFUSED, OPEN }

    /** One fault (or legal variant) of the framing. */
    enum Framing {
        // legal: every file is stored exactly as sent
        CLEAN, NO_FINAL_CRLF, PREAMBLE_EPILOGUE, QUOTED_BOUNDARY, BOUNDARY_70, BOUNDARY_ODD_CHARS, TYPE_CASE_AND_PARAMS,
        IN_PIECES, CHUNKED, NUL_IN_FILENAME, EXTRA_PART_HEADERS, FILENAME_STAR, WITH_FIELDS, MANY_FILES,
        // refused
        NO_CLOSING_DELIMITER, TRUNCATED, PREMATURE_EOF, NO_BOUNDARY_PARAM, DOUBLED_BOUNDARY_PARAM, EMPTY_BOUNDARY,
        LONG_BOUNDARY, HUGE_BOUNDARY, NOT_MULTIPART, NO_CONTENT_TYPE, WRONG_BOUNDARY_IN_BODY, LF_ONLY,
        DOUBLED_DELIMITER_LINE, HEADER_WITHOUT_COLON, NO_BLANK_LINE, HUGE_PART_HEADER, MANY_PART_HEADER_LINES,
        FILE_WITHOUT_FILENAME, BIG_NAMELESS_FIELD, LONG_SENDER, MANY_PARTS, BASE64_INVALID, BASE64_VALID,
        QUOTED_PRINTABLE, EMPTY_NAMED_FILE, EMPTY_UNNAMED_FILE, HTML_FILE,
        // either, as long as nothing but a sent file is stored
        BAD_DISPOSITION
    }

    /**
     * @param files      contents the server may store (in body order)
     * @param storeFirst for {@link Expect#STORED}: how many of {@code files} must be stored
     */
    record Case(Framing framing, String contentType, byte[] body, Delivery delivery, int eofAt, Expect expect,
                Set<String> codes, List<byte[]> files, int storeFirst, String sender, String message) {
        @Override
        public String toString() {
            return framing + " (" + body.length + " bytes, " + files.size() + " files, " + delivery
                    + (contentType == null ? ", no type" : ", type of " + contentType.length() + " chars") + ")";
        }
    }

    private HostileMultipart() {
    }

    /**
     * Mostly faults: a legal body costs a durable vault commit (tens of milliseconds each here),
     * a refusal a few milliseconds, so one case in fourteen is legal.
     */
    static Arbitrary<Case> cases() {
        List<Framing> legal = java.util.Arrays.stream(Framing.values()).filter(f -> f.ordinal() <= Framing.MANY_FILES.ordinal()).toList();
        List<Framing> faults = java.util.Arrays.stream(Framing.values()).filter(f -> f.ordinal() > Framing.MANY_FILES.ordinal()).toList();
        Arbitrary<Framing> framings = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of(legal)), Tuple.of(13, Arbitraries.of(faults)));
        return Combinators.combine(framings, Arbitraries.frequency(Tuple.of(4, 1), Tuple.of(1, 2)),
                Arbitraries.longs()).as((f, n, seed) -> build(f, n, new Random(seed)));
    }

    /** A PDF-looking file with the marker and, often, pieces of the delimiter that must not end the part. */
    static byte[] content(Random r, String boundary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("%PDF-1.4\n" + HostileHarness.MARKER + "-" + HexFormat.of().toHexDigits(r.nextLong()) + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        int len = r.nextInt(8) == 0 ? r.nextInt(40_000) : r.nextInt(3_000);
        String delimiter = "\r\n--" + boundary;
        while (out.size() < len) {
            switch (r.nextInt(6)) {
                case 0 -> out.writeBytes(latin1(delimiter.substring(0, 1 + r.nextInt(delimiter.length() - 1))));
                case 1 -> out.writeBytes(latin1("\r\n"));
                case 2 -> out.writeBytes(latin1("--" + boundary + (r.nextBoolean() ? "--" : "")));
                default -> {
                    byte[] b = new byte[1 + r.nextInt(300)];
                    r.nextBytes(b);
                    out.writeBytes(b);
                }
            }
        }
        return breakDelimiters(out.toByteArray(), latin1(delimiter));
    }

    /** Changes the last byte of every full delimiter inside a file, so the file stays one part. */
    private static byte[] breakDelimiters(byte[] data, byte[] delimiter) {
        for (int i = HostileHarness.indexOf(data, delimiter); i >= 0; i = HostileHarness.indexOf(data, delimiter)) {
            data[i + delimiter.length - 1] = '#';
        }
        return data;
    }

    static Case build(Framing f, int n, Random r) {
        String boundary = switch (f) {
            case BOUNDARY_70 -> randomBoundary(r, 70, TOKEN_CHARS);
            case BOUNDARY_ODD_CHARS -> randomBoundary(r, 1 + r.nextInt(69), BCHARS);
            default -> BOUNDARY;
        };
        int fileCount = f == Framing.MANY_FILES ? HostileHarness.LIMITS.maxFilesPerSubmission() + 1 + r.nextInt(3) : n;
        List<byte[]> files = new ArrayList<>();
        List<String> dispositions = new ArrayList<>();
        for (int i = 0; i < fileCount; i++) {
            files.add(content(r, boundary));
            dispositions.add("name=\"file\"; filename=\"Befund_" + i + ".pdf\"");
        }
        String sender = null;
        String message = null;
        Parts p = new Parts(boundary);
        if (f == Framing.PREAMBLE_EPILOGUE) {
            p.raw("Dies ist die Präambel, die jeder Parser überspringt.\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (f == Framing.WITH_FIELDS) {
            sender = HostileJson.text(r, 8);
            message = HostileJson.text(r, r.nextInt(400));
            p.field("sender", sender);
            p.field("message", message);
        }
        for (int i = 0; i < fileCount; i++) {
            String cd = dispositions.get(i);
            String extra = "Content-Type: application/pdf\r\n";
            if (f == Framing.NUL_IN_FILENAME && i == 0) {
                cd = "name=\"file\"; filename=\"Befund_0.pdf\0.exe\"";
            } else if (f == Framing.FILENAME_STAR && i == 0) {
                cd = "name=\"file\"; filename=\"x.pdf\"; filename*=UTF-8''Gr%C3%B6%C3%9Fe_" + i + ".pdf";
            } else if (f == Framing.EXTRA_PART_HEADERS) {
                extra = "Content-Type: " + (r.nextBoolean() ? "text/html" : "x/\u00ff\u00fe") + "\r\nX-Pad: "
                        + "a".repeat(r.nextInt(2000)) + "\r\nContent-ID: <" + r.nextInt() + ">\r\n";
            }
            p.part("Content-Disposition: form-data; " + cd + "\r\n" + extra, files.get(i));
        }
        String type = "multipart/form-data; boundary=" + boundary;
        Expect expect = Expect.STORED;
        Set<String> codes = Set.of();
        int storeFirst = files.size();
        Delivery delivery = Delivery.WHOLE;
        int eofAt = -1;
        switch (f) {
            case QUOTED_BOUNDARY, BOUNDARY_ODD_CHARS -> type = "multipart/form-data; boundary=\"" + boundary + "\"";
            case TYPE_CASE_AND_PARAMS -> type = "MULTIPART/Form-Data; charset=UTF-8; boundary=" + boundary + "; x=y";
            case IN_PIECES -> delivery = Delivery.PIECES;
            case CHUNKED -> delivery = Delivery.CHUNKED;
            case MANY_FILES -> storeFirst = HostileHarness.LIMITS.maxFilesPerSubmission();
            default -> { }
        }
        byte[] body;
        switch (f) {
            case NO_FINAL_CRLF -> body = p.endWithoutCrlf();
            case PREAMBLE_EPILOGUE -> body = p.end("Epilog: wird ignoriert\r\n--XyZ\r\nnoch mehr");
            case NO_CLOSING_DELIMITER -> {
                body = p.bytes();
                expect = Expect.REFUSED;
                codes = Set.of("bad_request");
            }
            case TRUNCATED -> {
                byte[] full = p.end("");
                body = java.util.Arrays.copyOf(full, r.nextInt(full.length - 2));
                expect = Expect.REFUSED;
                codes = Set.of("bad_request", "no_files");
            }
            case PREMATURE_EOF -> {
                body = p.end("");
                eofAt = r.nextInt(body.length - 2);
                expect = Expect.REFUSED;
                codes = Set.of("bad_request", "no_files", "timeout");
            }
            default -> body = p.end("");
        }
        Case base = new Case(f, type, body, delivery, eofAt, expect, codes, files, storeFirst, sender, message);
        return mutate(base, r, files, boundary);
    }

    /** The faults that replace the type, a part or the whole body. */
    private static Case mutate(Case c, Random r, List<byte[]> files, String boundary) {
        byte[] first = files.getFirst();
        return switch (c.framing()) {
            case NO_BOUNDARY_PARAM -> refused(c, "multipart/form-data", c.body(), "bad_request");
            case DOUBLED_BOUNDARY_PARAM -> refused(c, "multipart/form-data; boundary=XyZ; boundary=Other", c.body(), "bad_request");
            case EMPTY_BOUNDARY -> refused(c, "multipart/form-data; boundary=" + (r.nextBoolean() ? "" : "\"\""), c.body(), "bad_request");
            case LONG_BOUNDARY -> refused(c, "multipart/form-data; boundary=" + randomBoundary(r, 71 + r.nextInt(10_000), TOKEN_CHARS), c.body(), "bad_request");
            case HUGE_BOUNDARY -> refused(c, "multipart/form-data; boundary=" + "b".repeat(17_000 + r.nextInt(40_000)), c.body(),
                    "headers_too_large");
            case NOT_MULTIPART -> refused(c, r.nextBoolean() ? "application/octet-stream" : "multipart/mixed; boundary=XyZ",
                    c.body(), "bad_request");
            case NO_CONTENT_TYPE -> refused(c, null, c.body(), "bad_request");
            // the whole body is a preamble: no part (no_files), or past the part-header limit (bad_request)
            case WRONG_BOUNDARY_IN_BODY -> refused(c, "multipart/form-data; boundary=Other", c.body(), "no_files", "bad_request");
            case LF_ONLY -> refused(c, c.contentType(), lfOnly(c.body()), "bad_request", "no_files");
            case DOUBLED_DELIMITER_LINE -> refused(c, c.contentType(), insertAfterFirstDelimiter(c.body(), "--XyZ\r\n"), "bad_request");
            case HEADER_WITHOUT_COLON -> refused(c, c.contentType(), insertAfterFirstDelimiter(c.body(), "Kein Doppelpunkt hier\r\n"),
                    "bad_request");
            case NO_BLANK_LINE -> refused(c, c.contentType(), single(boundary,
                    "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n", first, false), "bad_request");
            case HUGE_PART_HEADER -> refused(c, c.contentType(), single(boundary, "Content-Disposition: form-data; name=\"file\"; filename=\""
                    + "A".repeat(40_000 + r.nextInt(200_000)) + ".pdf\"\r\n", first, true), "bad_request");
            case MANY_PART_HEADER_LINES -> refused(c, c.contentType(), single(boundary,
                    "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n" + "X-Pad: 1\r\n".repeat(4_000 + r.nextInt(8_000)),
                    first, true), "bad_request");
            case FILE_WITHOUT_FILENAME -> refused(c, c.contentType(), single(boundary, "Content-Disposition: form-data; name=\"file\"\r\n",
                    new byte[10_000 + r.nextInt(100_000)], true), "bad_request");
            case BIG_NAMELESS_FIELD -> refused(c, c.contentType(), single(boundary, "Content-Disposition: form-data"
                    + (r.nextBoolean() ? "; name=\"x\"" : "") + "\r\n", new byte[50_000 + r.nextInt(100_000)], true), "field_too_long");
            case LONG_SENDER -> {
                Parts p = new Parts(boundary);
                p.field("sender", "M".repeat(HostileHarness.LIMITS.maxSenderChars() + 1 + r.nextInt(500)));
                p.part("Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n", first);
                yield refused(c, c.contentType(), p.end(""), "field_too_long");
            }
            case MANY_PARTS -> {
                Parts p = new Parts(boundary);
                int parts = HostileHarness.LIMITS.maxParts() + 1 + r.nextInt(400);
                for (int i = 0; i < parts; i++) {
                    p.field("f" + i, "1");
                }
                yield refused(c, c.contentType(), p.end(""), "bad_request");
            }
            case BASE64_INVALID -> refused(c, c.contentType(), single(boundary, "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\n", "JVBERi0xLjQK!!*&%$\u00e4\u00f6 nicht base64 ~~~".getBytes(StandardCharsets.ISO_8859_1), true),
                    "bad_request");
            case EMPTY_NAMED_FILE -> refused(c, c.contentType(), single(boundary,
                    "Content-Disposition: form-data; name=\"file\"; filename=\"leer.pdf\"\r\n", new byte[0], true), "empty_file");
            case EMPTY_UNNAMED_FILE -> refused(c, c.contentType(), single(boundary,
                    "Content-Disposition: form-data; name=\"file\"; filename=\"\"\r\n", new byte[0], true), "no_files");
            case HTML_FILE -> refused(c, c.contentType(), single(boundary, "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n",
                    ("<!DOCTYPE html><html><script>alert(1)</script>" + HostileHarness.MARKER).getBytes(StandardCharsets.US_ASCII), true),
                    "unsupported_type");
            case BAD_DISPOSITION -> open(c, c.contentType(), single(boundary, badDisposition(r), first, true), List.of(first));
            case BASE64_VALID -> {
                String b64 = Base64.getMimeEncoder().encodeToString(first);
                yield refused(c, c.contentType(), single(boundary, "Content-Disposition: form-data; name=\"file\"; filename=\"b64.pdf\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n", latin1(b64), true), "bad_request");
            }
            case QUOTED_PRINTABLE -> {
                StringBuilder qp = new StringBuilder();
                int escapes = 4_000 + r.nextInt(10_000);
                byte[] plain = new byte[escapes];
                r.nextBytes(plain);
                byte[] pdf = latin1("%PDF-1.4\n");
                System.arraycopy(pdf, 0, plain, 0, pdf.length);
                for (byte b : plain) {
                    qp.append('=').append(HexFormat.of().withUpperCase().toHexDigits(b));
                }
                yield refused(c, c.contentType(), single(boundary, "Content-Disposition: form-data; name=\"file\"; filename=\"qp.pdf\"\r\n"
                        + "Content-Transfer-Encoding: quoted-printable\r\n", latin1(qp.toString()), true), "bad_request");
            }
            default -> c;
        };
    }

    private static String badDisposition(Random r) {
        String[] all = {
            "",
            "Content-Disposition: form-data\r\n",
            "Content-Disposition: attachment; filename=\"a.pdf\"\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename=\"unterminated.pdf\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename=\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename*=kaputt\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%ZZ%\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename*=UTF-8'de'%C3\r\n",
            "Content-Disposition: ;;;;;;=;=\"\";\r\n",
            "Content-Disposition: form-data; name=file; filename=a.pdf; filename=b.pdf; name=x\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename=\"a\\\"b\\\\c.pdf\"\r\n",
            "Content-Disposition: form-data; name=\"\u00ff\u00fe\"; filename=\"\u00c3\u0028\u00a0\u00a1.pdf\"\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename=\"\t \u0001\u001f\u007f.pdf\"\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename=\"" + "\u00e4".repeat(3000) + "\"\r\n",
            "Content-Disposition:\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"; " + "x=y; ".repeat(1500) + "\r\n",
            "content-disposition: FORM-DATA; NAME=\"file\"; FILENAME=\"GROSS.PDF\"\r\n",
        };
        return all[r.nextInt(all.length)] + (r.nextBoolean() ? "Content-Type: application/pdf\r\n" : "");
    }

    private static Case refused(Case c, String type, byte[] body, String... codes) {
        return new Case(c.framing(), type, body, c.delivery(), -1, Expect.REFUSED, Set.of(codes), c.files(), 0, null, null);
    }

    private static Case open(Case c, String type, byte[] body, List<byte[]> files) {
        return new Case(c.framing(), type, body, c.delivery(), -1, Expect.OPEN, Set.of(), files, 0, null, null);
    }

    /** One part with the given header block (ending in CRLF), then the blank line unless {@code blank} is false. */
    private static byte[] single(String boundary, String headers, byte[] content, boolean blank) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(latin1("--" + boundary + "\r\n" + headers + (blank ? "\r\n" : "")));
        out.writeBytes(content);
        out.writeBytes(latin1("\r\n--" + boundary + "--\r\n"));
        return out.toByteArray();
    }

    private static byte[] lfOnly(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i++) {
            if (!(body[i] == '\r' && i + 1 < body.length && body[i + 1] == '\n')) {
                out.write(body[i]);
            }
        }
        return out.toByteArray();
    }

    private static byte[] insertAfterFirstDelimiter(byte[] body, String insert) {
        byte[] first = latin1("--" + BOUNDARY + "\r\n");
        int at = HostileHarness.indexOf(body, first) + first.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, at);
        out.writeBytes(latin1(insert));
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private static String randomBoundary(Random r, int length, String alphabet) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Builds a body part by part. */
    static final class Parts {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final String boundary;

        Parts(String boundary) {
            this.boundary = boundary;
        }

        void raw(byte[] b) {
            out.writeBytes(b);
        }

        void part(String headers, byte[] content) {
            out.writeBytes(latin1("--" + boundary + "\r\n" + headers + "\r\n"));
            out.writeBytes(content);
            out.writeBytes(latin1("\r\n"));
        }

        void field(String name, String value) {
            part("Content-Disposition: form-data; name=\"" + name + "\"\r\n", value.getBytes(StandardCharsets.UTF_8));
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        byte[] end(String epilogue) {
            out.writeBytes(latin1("--" + boundary + "--\r\n" + epilogue));
            return out.toByteArray();
        }

        byte[] endWithoutCrlf() {
            out.writeBytes(latin1("--" + boundary + "--"));
            return out.toByteArray();
        }
    }
}
