package de.patientenversand.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.upload.Body;
import de.patientenversand.upload.Fixtures;
import de.patientenversand.upload.PracticeServer;
import de.patientenversand.upload.RawHttp;
import de.patientenversand.upload.TusClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults {@link HostileInputTest} found, each pinned by the smallest case that showed it, so a
 * regression fails here by name and not only as a shrunk jqwik sample.
 */
@DisplayName("hostile input: the faults the generated cases found stay fixed")
class HostileInputFindingsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    PracticeServer server;
    TusClient tus;

    @BeforeEach
    void start() throws Exception {
        server = new PracticeServer(dir, PracticeServer.limits(), Duration.ofHours(4));
        tus = new TusClient(server.port(), server.linkPath());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawHttp.Response upload(byte[] body) throws Exception {
        return RawHttp.post(server.port(), server.linkPath() + "/upload", Body.TYPE, body);
    }

    private static String error(RawHttp.Response r) throws Exception {
        return JSON.readTree(r.body()).path("error").asText();
    }

    @Test
    @DisplayName("a part with Content-Transfer-Encoding (quoted-printable with many escapes, bad base64) is a 400 bad_request, not a 500")
    void encodedPartIsBadRequestNotInternalError() throws Exception {
        StringBuilder qp = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            qp.append("=41");
        }
        for (String[] part : new String[][] {{"quoted-printable", qp.toString()}, {"base64", "!!nicht base64!!"},
            {"base64", "JVBERi0xLjQK"}}) {
            RawHttp.Response r = upload(new Body().raw("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                    + "Content-Transfer-Encoding: " + part[0] + "\r\n\r\n" + part[1] + "\r\n--XyZ--\r\n").bytes());
            assertThat(r.status()).as(part[0] + ": " + r.body()).isEqualTo(400);
            assertThat(error(r)).isEqualTo("bad_request");
        }
        assertThat(server.documentCount()).isZero();
        assertThat(server.partialFiles()).isEmpty();
        assertThat(upload(new Body().file("a.pdf", Fixtures.PDF).end().bytes()).status()).isEqualTo(201);
    }

    @Test
    @DisplayName("a tus file name that is not valid UTF-8 falls back to Latin-1 like a multipart one, never to replacement characters")
    void tusFileNameOfInvalidUtf8FallsBackToLatin1() throws Exception {
        byte[] latin1 = "Arztbrief_M\u00fcller.pdf".getBytes(StandardCharsets.ISO_8859_1);
        RawHttp.Response created = tus.create(Fixtures.PDF.length, "filename " + java.util.Base64.getEncoder().encodeToString(latin1));
        assertThat(created.status()).isEqualTo(201);
        assertThat(tus.patch(tus.uploadPath(created), 0, Fixtures.PDF).status()).isEqualTo(204);
        RawHttp.Response multipart = upload(new Body().file("name=\"file\"; filename=\"Arztbrief_M\u00fcller.pdf\"",
                "application/pdf", Fixtures.PDF).end().bytes());
        assertThat(multipart.status()).isEqualTo(201);
        assertThat(server.unlockAndRead()).extracting(d -> d.info().name())
                .containsExactly("Arztbrief_Müller.pdf", "Arztbrief_Müller.pdf");
    }

    @Test
    @DisplayName("a part header block over the 16 KiB limit is refused with 400 even when it arrives behind another part (35 000 bytes)")
    void partHeaderBlockOverTheLimitIsRefusedWhereverItStarts() throws Exception {
        byte[] body = new Body().file("a.pdf", Fixtures.PDF)
                .raw("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.pdf\"\r\n" + "X-Pad: 1\r\n".repeat(3_500)
                        + "\r\n%PDF-1.4\n\r\n--XyZ--\r\n").bytes();
        RawHttp.Response r = upload(body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(error(r)).isEqualTo("bad_request");
    }

    private RawHttp.Response openSubmission(String json) throws Exception {
        return RawHttp.post(server.port(), server.linkPath() + "/submissions", "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("submission JSON with trailing data, a key twice or a sender/message that is no string is a 400 bad_request and opens nothing")
    void malformedSubmissionJsonIsBadRequest() throws Exception {
        for (String json : new String[] {"{\"sender\":\"a\"} x", "{}{}", "{\"sender\":\"a\",\"sender\":\"b\"}",
            "{\"sender\":1}", "{\"message\":[\"a\"]}", "{\"sender\":{\"a\":\"b\"}}", "{\"message\":true}"}) {
            RawHttp.Response r = openSubmission(json);
            assertThat(r.status()).as(json + ": " + r.body()).isEqualTo(400);
            assertThat(error(r)).isEqualTo("bad_request");
        }
        assertThat(openSubmission("{\"sender\":null,\"message\":\"ok\",\"extra\":[1]}").status()).isEqualTo(201);
    }

    @Test
    @DisplayName("sender and message from submission JSON are stored as from a multipart upload: NFC, no control characters, length in characters")
    void submissionFieldsAreStoredLikeMultipartFields() throws Exception {
        String sender = "Praxis\r\nDr. U\u0308bel\u0000";
        String message = "Zeile 1\r\nZeile\u0007 2\t";
        RawHttp.Response opened = openSubmission("{\"sender\":" + HostileJson.quote(sender) + ",\"message\":" + HostileJson.quote(message) + "}");
        assertThat(opened.status()).isEqualTo(201);
        String id = JSON.readTree(opened.body()).path("submission").asText();
        RawHttp.Response created = tus.create(Fixtures.PDF.length, "filename " + HostileTus.b64("a.pdf".getBytes(StandardCharsets.US_ASCII))
                + ",submission " + HostileTus.b64(id.getBytes(StandardCharsets.US_ASCII)));
        assertThat(tus.patch(tus.uploadPath(created), 0, Fixtures.PDF).status()).isEqualTo(204);
        RawHttp.Response multipart = upload(new Body().field("sender", sender).field("message", message).file("b.pdf", Fixtures.PDF).end().bytes());
        assertThat(multipart.status()).isEqualTo(201);
        var docs = server.unlockAndRead();
        assertThat(docs).hasSize(2).allSatisfy(d -> {
            assertThat(d.info().sender()).isEqualTo("Praxis  Dr. Übel");
            assertThat(d.info().message()).isEqualTo("Zeile 1\nZeile 2");
        });
        // 150 emoji are 150 characters (300 UTF-16 units): within the 200 of a sender on both ways in
        assertThat(openSubmission("{\"sender\":\"" + "😷".repeat(150) + "\"}").status()).isEqualTo(201);
    }

    @Test
    @DisplayName("a file name ending in a backslash (browsers do not escape it) keeps its closing quote: the name is what tus and filename* give")
    void backslashBeforeTheClosingQuoteIsTheNamesLastCharacter() throws Exception {
        RawHttp.Response r = upload(new Body().file("name=\"file\"; filename=\"Befund\\\"", "application/pdf", Fixtures.PDF)
                .file("name=\"file\"; filename=\"Brief.pdf\\\"; x=1", "application/pdf", Fixtures.PDF2).end().bytes());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(JSON.readTree(r.body()).path("files").findValuesAsText("name")).containsExactly("Dokument", "Dokument"); // nothing after the last backslash, as through tus
        RawHttp.Response legacy = upload(new Body().file("name=\"file\"; filename=\"Befund \\\"A\\\".pdf\"", "application/pdf",
                Fixtures.PDF).end().bytes());
        assertThat(JSON.readTree(legacy.body()).path("files").get(0).path("name").asText()).isEqualTo("Befund A.pdf");
    }

    @Test
    @DisplayName("a body that ends inside a file is answered 400 only once the partial file is gone: tmp/ is empty when the answer arrives")
    void partialFileIsGoneWhenTheRefusalArrives() throws Exception {
        byte[] full = new Body().file("a.pdf", Fixtures.bigPdf(200_000, 7)).end().bytes();
        for (int i = 0; i < 20; i++) {
            RawHttp.Response r = upload(java.util.Arrays.copyOf(full, 150_000 + i * 100));
            assertThat(r.status()).isEqualTo(400);
            assertThat(server.partialFiles()).as("tmp/ right after the answer").isEmpty();
        }
        assertThat(server.documentCount()).isZero();
    }
}
