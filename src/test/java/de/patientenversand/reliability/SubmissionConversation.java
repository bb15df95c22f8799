package de.patientenversand.reliability;

import static de.patientenversand.reliability.HostileHarness.assertAnswer;
import static de.patientenversand.reliability.HostileHarness.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.patientenversand.reliability.HostileHarness.Delivery;
import de.patientenversand.reliability.HostileHarness.Stored;
import de.patientenversand.upload.PracticeServer;
import de.patientenversand.upload.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;

/**
 * One {@code POST /submissions} with a generated body. A valid one must open a submission that
 * then works: completing it before any file says {@code no_files}, a tus upload into it stores
 * a document carrying the sender and message as sent (normalised like the multipart path), and
 * completing it — with a hostile body that the endpoint ignores — answers the receipt of exactly
 * that file. A refused one opens no submission. Completing an unknown id says {@code submission_unknown}.
 */
final class SubmissionConversation {
    private static final List<String> HOSTILE_IDS = List.of("AAAAAAAAAAAAAAAAAAAAAA", "..", "%2e%2e", "x".repeat(3000), "%C3%A4%E2%80%AE",
            "null", "0", "-1", "%20");
    private final HostileHarness h;
    private final HostileJson.Case c;
    private final HostileJson.Case noise;
    private final Random random;

    SubmissionConversation(HostileHarness h, HostileJson.Case c, HostileJson.Case noise, Random random) {
        this.h = h;
        this.c = c;
        this.noise = noise;
        this.random = random;
    }

    void run() {
        String hostile = HOSTILE_IDS.get(random.nextInt(HOSTILE_IDS.size()));
        RawHttp.Response unknown = complete(hostile);
        assertThat(unknown.status()).as("complete of id %s: %s", hostile, unknown.body()).isEqualTo(404);
        assertAnswer(unknown);
        int before = submissions();
        Delivery delivery = random.nextInt(5) == 0 ? Delivery.PIECES : Delivery.WHOLE;
        String type = List.of("application/json", "application/json; charset=utf-8", "text/plain", "multipart/form-data")
                .get(random.nextInt(4));
        RawHttp.Response r = h.post(h.linkPath() + "/submissions", type, c.body(), delivery, random);
        if (!c.codes().isEmpty()) {
            assertError(r, c.codes().toArray(String[]::new));
            assertThat(submissions()).as("a refused body opens no submission").isEqualTo(before);
        } else {
            JsonNode node = assertAnswer(r);
            assertThat(r.status()).as("valid body %s: %s", c, r.body()).isEqualTo(201);
            String id = node.path("submission").asText();
            assertThat(id).isNotBlank();
            assertError(complete(id), "no_files");
            if (random.nextInt(5) > 0) {
                return; // one valid body in five goes on to a stored document (each costs a durable commit)
            }
            byte[] pdf = HostileMultipart.content(random, "XyZ");
            RawHttp.Response created = h.send("POST", h.linkPath() + "/tus/", List.of("Tus-Resumable: 1.0.0",
                    "Upload-Length: " + pdf.length, "Upload-Metadata: filename " + HostileTus.b64("Brief.pdf".getBytes()) + ",submission "
                            + HostileTus.b64(id.getBytes())), new byte[0], Delivery.WHOLE, random);
            assertThat(created.status()).as("tus into the submission: %s", created.body()).isEqualTo(201);
            h.track(HostileInputTest.location(created));
            RawHttp.Response patched = h.send("PATCH", HostileInputTest.location(created), List.of("Tus-Resumable: 1.0.0",
                    "Upload-Offset: 0", "Content-Type: " + HostileTus.OFFSET_TYPE), pdf, Delivery.WHOLE, random);
            assertThat(patched.status()).isEqualTo(204);
            h.ended(HostileInputTest.location(created));
            List<Stored> stored = h.newDocuments();
            assertThat(stored).hasSize(1);
            assertThat(stored.getFirst().bytes()).isEqualTo(pdf);
            assertThat(stored.getFirst().info().sender()).as("stored sender").isEqualTo(HostileJson.storedSender(c.sender()));
            assertThat(stored.getFirst().info().message()).as("stored message").isEqualTo(HostileJson.storedMessage(c.message()));
            RawHttp.Response receipt = complete(id);
            JsonNode files = assertAnswer(receipt).path("files");
            assertThat(receipt.status()).as("receipt: %s", receipt.body()).isEqualTo(201);
            assertThat(files.size()).isEqualTo(1);
            assertThat(files.get(0).path("sha256").asText()).isEqualTo(PracticeServer.sha256(pdf));
            assertThat(files.get(0).path("name").asText()).isEqualTo("Brief.pdf");
        }
        assertThat(h.newDocuments()).as("no document beyond the one checked").isEmpty();
    }

    private RawHttp.Response complete(String id) {
        return h.post(h.linkPath() + "/submissions/" + id + "/complete", "application/json", noise.body(),
                random.nextBoolean() ? Delivery.WHOLE : Delivery.CHUNKED, random);
    }

    private int submissions() {
        try {
            return h.server.vault.database().read(conn -> {
                try (var st = conn.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM submissions")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
