package de.patientenversand.reliability;

import static de.patientenversand.reliability.HostileHarness.assertAnswer;
import static de.patientenversand.reliability.HostileHarness.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.reliability.HostileHarness.Stored;
import de.patientenversand.reliability.HostileTus.Offset;
import de.patientenversand.reliability.HostileTus.Plan;
import de.patientenversand.reliability.HostileTus.Step;
import de.patientenversand.upload.RawHttp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Runs one {@link Plan} against the server and checks each answer against a model of the
 * upload: the offset the server must report, whether the upload still exists, and at the end
 * the one document (decrypted, exactly the bytes sent) or nothing at all.
 */
final class TusConversation {
    private final HostileHarness h;
    private final Plan plan;
    private final Random random;
    private String path;
    private long offset;
    private boolean ended;
    private boolean stored;

    TusConversation(HostileHarness h, Plan plan, Random random) {
        this.h = h;
        this.plan = plan;
        this.random = random;
    }

    void run() {
        List<String> headers = new ArrayList<>();
        if (plan.version() != null) {
            headers.add("Tus-Resumable: " + plan.version());
        }
        String length = plan.lengthHeader(HostileHarness.LIMITS.maxFileBytes(), random);
        if (length != null) {
            headers.add("Upload-Length: " + length);
        }
        String metadata = plan.metadataHeader(random);
        if (metadata != null) {
            headers.add("Upload-Metadata: " + metadata);
        }
        RawHttp.Response created = h.send("POST", h.linkPath() + "/tus/", headers, new byte[plan.createBody()],
                HostileHarness.Delivery.WHOLE, random);
        Set<String> refusals = plan.createRefusals();
        if (refusals.contains("412")) {
            assertVersionRefused(created);
        } else if (!refusals.isEmpty()) {
            assertError(created, refusals.toArray(String[]::new));
        } else {
            assertThat(created.status()).as("creation: %s", created.body()).isEqualTo(201);
            path = HostileInputTest.location(created);
            h.track(path);
            for (Step step : plan.steps()) {
                step(step);
            }
            if (!ended) {
                RawHttp.Response deleted = h.send("DELETE", path, List.of("Tus-Resumable: 1.0.0"), new byte[0],
                        HostileHarness.Delivery.WHOLE, random);
                assertThat(deleted.status()).as("termination").isEqualTo(204);
                ended = true;
            }
            h.ended(path);
            RawHttp.Response head = head(false);
            assertThat(head.status()).as("HEAD after the end").isEqualTo(404);
        }
        List<Stored> docs = h.newDocuments();
        if (stored) {
            assertThat(docs).as("the finished upload's document").hasSize(1);
            assertThat(docs.getFirst().bytes()).as("decrypts to the bytes sent").isEqualTo(plan.content());
            HostileNames.assertSafe(docs.getFirst().info().name());
        } else {
            assertThat(docs).as("no document from an unfinished upload").isEmpty();
        }
    }

    private static void assertVersionRefused(RawHttp.Response r) {
        assertThat(r.status()).as("unsupported tus version").isEqualTo(412);
        assertThat(r.header("Tus-Version")).isEqualTo("1.0.0");
    }

    private RawHttp.Response head(boolean badVersion) {
        return h.send("HEAD", path, List.of("Tus-Resumable: " + (badVersion ? "0.2.2" : "1.0.0")), new byte[0],
                HostileHarness.Delivery.WHOLE, random);
    }

    private void step(Step s) {
        switch (s.op()) {
            case HEAD -> {
                RawHttp.Response r = head(s.badVersion());
                if (s.badVersion()) {
                    assertVersionRefused(r);
                } else if (ended) {
                    assertThat(r.status()).isEqualTo(404);
                } else {
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.header("Upload-Offset")).as("HEAD offset").isEqualTo(Long.toString(offset));
                    assertThat(r.header("Upload-Length")).isEqualTo(Integer.toString(plan.content().length));
                }
            }
            case DELETE -> {
                RawHttp.Response r = h.send("DELETE", path, List.of("Tus-Resumable: 1.0.0"), new byte[0],
                        HostileHarness.Delivery.WHOLE, random);
                assertThat(r.status()).isEqualTo(ended ? 404 : 204);
                ended = true;
            }
            case PATCH, PATCH_UNKNOWN_ID -> patch(s);
        }
    }

    private void patch(Step s) {
        boolean unknown = s.op() == HostileTus.Op.PATCH_UNKNOWN_ID;
        long remaining = plan.content().length - offset;
        int n = (int) Math.round(remaining * s.chunk());
        byte[] body = Arrays.copyOfRange(plan.content(), (int) offset, (int) offset + n);
        if (s.past() > 0) {
            body = Arrays.copyOf(Arrays.copyOfRange(plan.content(), (int) offset, plan.content().length), (int) remaining + s.past());
        }
        List<String> headers = new ArrayList<>();
        headers.add("Tus-Resumable: " + (s.badVersion() ? "0.2.2" : "1.0.0"));
        if (!s.contentType().equals("-")) {
            headers.add("Content-Type: " + s.contentType());
        }
        switch (s.offset()) {
            case CORRECT -> headers.add("Upload-Offset: " + offset);
            case WRONG -> headers.add("Upload-Offset: " + (offset + 1 + random.nextInt(100)));
            case NEGATIVE -> headers.add("Upload-Offset: -" + (1 + offset));
            case GARBAGE -> headers.add("Upload-Offset: " + List.of("abc", "", "1.5", "0x0", "99999999999999999999").get(random.nextInt(5)));
            case MISSING -> { }
        }
        String target = unknown ? h.linkPath() + "/tus/" + List.of("AAAAAAAAAAAAAAAAAAAAAA", "..%2F..%2Fvault.db", "x".repeat(3000),
                "%00", "%C3%A4").get(random.nextInt(5)) : path;
        RawHttp.Response r = h.send("PATCH", target, headers, body, s.delivery(), random);
        boolean typeOk = s.contentType().toLowerCase().startsWith(HostileTus.OFFSET_TYPE);
        if (s.badVersion()) {
            assertVersionRefused(r);
            return;
        }
        if (!typeOk) {
            assertThat(r.status()).as("PATCH with Content-Type %s", s.contentType()).isEqualTo(415);
            return;
        }
        if (unknown || ended) {
            assertThat(r.status()).as("PATCH of an unknown upload: %s", r.body()).isEqualTo(404);
            return;
        }
        if (s.offset() == Offset.MISSING || s.offset() == Offset.NEGATIVE || s.offset() == Offset.GARBAGE) {
            assertError(r, "bad_request");
            return;
        }
        if (s.offset() == Offset.WRONG) {
            assertError(r, "offset_mismatch");
            assertThat(r.header("Upload-Offset")).as("the offset the server has").isEqualTo(Long.toString(offset));
            return;
        }
        long headSize = Math.min(8 * 1024, plan.content().length);
        boolean headCompletes = offset < headSize && offset + Math.min(body.length, remaining) >= headSize;
        if (plan.html() && (headCompletes || offset >= headSize)) {
            assertError(r, "unsupported_type", "file_too_large");
            ended = true;
            return;
        }
        if (s.past() > 0) {
            assertError(r, "file_too_large");
            ended = true;
            return;
        }
        assertAnswer(r);
        assertThat(r.status()).as("PATCH: %s", r.body()).isEqualTo(204);
        offset += body.length;
        assertThat(r.header("Upload-Offset")).isEqualTo(Long.toString(offset));
        if (offset == plan.content().length) {
            stored = true;
            ended = true;
        }
    }
}
