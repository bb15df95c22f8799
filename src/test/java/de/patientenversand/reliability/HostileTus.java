package de.patientenversand.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * tus 1.0 conversations: a creation with hostile {@code Tus-Resumable}, {@code Upload-Length}
 * and {@code Upload-Metadata}, then a few PATCH/HEAD/DELETE steps with wrong offsets, wrong
 * content types, bodies past the length and broken versions. The test keeps a model of the
 * upload (offset, ended) and checks every answer against it.
 */
final class HostileTus {
    static final String OFFSET_TYPE = "application/offset+octet-stream";

    enum Length { VALID, LEADING_ZEROS, ZERO, NEGATIVE, HUGE, OVER_MAX, NON_NUMERIC, MISSING }

    enum Metadata { VALID, NONE, KEY_WITHOUT_VALUE, LEADING_SPACE, BAD_BASE64, THREE_PARTS, DUPLICATE, EMPTY_PAIR, OVER_4096,
        OVER_16K, SUBMISSION_UNKNOWN }

    enum Offset { CORRECT, WRONG, NEGATIVE, GARBAGE, MISSING }

    enum Op { PATCH, HEAD, DELETE, PATCH_UNKNOWN_ID }

    /** One step after the creation; {@code chunk} is the share of the remaining bytes to send (0..1), {@code past} bytes beyond. */
    record Step(Op op, boolean badVersion, String contentType, Offset offset, double chunk, int past, HostileHarness.Delivery delivery) {
    }

    /**
     * @param version     Tus-Resumable of the creation (null: none)
     * @param content     the file; the creation announces its length unless {@code length} says otherwise
     * @param html        content is a web page, which the type check refuses
     * @param createBody  bytes sent with the creation (creation-with-upload is not offered)
     */
    record Plan(String version, Length length, Metadata metadata, byte[] name, byte[] content, boolean html, int createBody,
                List<Step> steps) {
        @Override
        public String toString() {
            return "create(version=" + version + ", length=" + length + ", metadata=" + metadata + ", " + content.length
                    + " bytes" + (html ? " html" : "") + (createBody > 0 ? ", body " + createBody : "") + ") " + steps;
        }

        /** The Upload-Length header value (null: none). */
        String lengthHeader(long max, Random r) {
            return switch (length) {
                case VALID -> Long.toString(content.length);
                case LEADING_ZEROS -> "000" + content.length;
                case ZERO -> "0";
                case NEGATIVE -> "-" + content.length;
                case HUGE -> "9".repeat(19 + r.nextInt(30));
                case OVER_MAX -> Long.toString(max + 1 + r.nextInt(1_000_000));
                case NON_NUMERIC -> List.of("12a", "1e3", "0x1F", "12 34", "+5", "", "5.0", "١٢").get(r.nextInt(8));
                case MISSING -> null;
            };
        }

        /** The Upload-Metadata header value (null: none). */
        String metadataHeader(Random r) {
            String filename = "filename " + b64(name);
            String filetype = "filetype " + b64("application/pdf".getBytes(StandardCharsets.US_ASCII));
            return switch (metadata) {
                case VALID -> filename + "," + filetype;
                case NONE -> null;
                case KEY_WITHOUT_VALUE -> "filename," + filetype;
                case LEADING_SPACE -> " " + filename + " , " + filetype;
                case BAD_BASE64 -> "filename " + List.of("@@@", "YQ=a", "Y", "Zm9v YmFy").get(r.nextInt(4)).replace(' ', '*');
                case THREE_PARTS -> "filename YQ== Yg==";
                case DUPLICATE -> filename + ",filename YQ==";
                case EMPTY_PAIR -> filename + ",," + filetype;
                case OVER_4096 -> filename + ",x " + b64(new byte[3_200 + r.nextInt(4_000)]);
                case OVER_16K -> filename + ",x " + b64(new byte[13_000 + r.nextInt(20_000)]);
                case SUBMISSION_UNKNOWN -> filename + ",submission " + b64(("s" + r.nextLong()).getBytes(StandardCharsets.US_ASCII));
            };
        }

        /** The refusals a correct server may answer the creation with; empty when it must create the upload. */
        Set<String> createRefusals() {
            if (metadata == Metadata.OVER_16K) {
                return Set.of("headers_too_large");
            }
            if (!"1.0.0".equals(version)) {
                return Set.of("412");
            }
            Set<String> codes = new java.util.HashSet<>();
            if (Set.of(Length.NEGATIVE, Length.HUGE, Length.NON_NUMERIC, Length.MISSING).contains(length)
                    || Set.of(Metadata.BAD_BASE64, Metadata.THREE_PARTS, Metadata.DUPLICATE, Metadata.EMPTY_PAIR, Metadata.OVER_4096)
                    .contains(metadata) || createBody > 0) {
                codes.add("bad_request");
            }
            if (length == Length.ZERO) {
                codes.add("empty_file");
            }
            if (length == Length.OVER_MAX) {
                codes.add("file_too_large");
            }
            if (metadata == Metadata.SUBMISSION_UNKNOWN) {
                codes.add("submission_unknown");
            }
            return codes;
        }
    }

    private HostileTus() {
    }

    static Arbitrary<Plan> plans() {
        return Combinators.combine(Arbitraries.longs(), HostileNames.rawNames()).as((seed, name) -> plan(new Random(seed), name));
    }

    static Plan plan(Random r, byte[] name) {
        String version = r.nextInt(10) < 8 ? "1.0.0" : List.of("", "0.2.2", "1.0", "1.0.0.0").get(r.nextInt(4));
        if (r.nextInt(20) == 0) {
            version = null;
        }
        Length length = r.nextInt(3) > 0 ? Length.VALID : Length.values()[r.nextInt(Length.values().length)];
        Metadata metadata = r.nextInt(3) > 0 ? Metadata.VALID : Metadata.values()[r.nextInt(Metadata.values().length)];
        boolean html = r.nextInt(10) == 0;
        int size = r.nextInt(6) == 0 ? 8_000 + r.nextInt(30_000) : 16 + r.nextInt(9_000);
        byte[] content = new byte[size];
        r.nextBytes(content);
        byte[] head = (html ? "<!DOCTYPE html><html><body><script>alert(1)</script>" + " ".repeat(64)
                : "%PDF-1.4\n" + HostileHarness.MARKER + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, content, 0, Math.min(head.length, size));
        if (html && size < head.length) {
            content = head;
        }
        List<Step> steps = new ArrayList<>();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            int op = r.nextInt(20);
            Op kind = op < 14 ? Op.PATCH : op < 18 ? Op.HEAD : op < 19 ? Op.DELETE : Op.PATCH_UNKNOWN_ID;
            String type = r.nextInt(10) > 0 ? (r.nextInt(5) == 0 ? OFFSET_TYPE.toUpperCase() + "; x=1" : OFFSET_TYPE)
                    : List.of("application/octet-stream", "text/plain", "", "-").get(r.nextInt(4));
            Offset offset = r.nextInt(4) > 0 ? Offset.CORRECT : Offset.values()[r.nextInt(Offset.values().length)];
            double chunk = r.nextInt(6) == 0 ? 1.0 : r.nextDouble() * 0.6; // a finished upload costs a durable commit
            int past = r.nextInt(10) == 0 ? 1 + r.nextInt(500) : 0;
            var delivery = HostileHarness.Delivery.values()[r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0];
            steps.add(new Step(kind, r.nextInt(25) == 0, type, offset, chunk, past, delivery));
        }
        return new Plan(version, length, metadata, name, content, html, r.nextInt(10) == 0 ? 1 + r.nextInt(100) : 0, steps);
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
