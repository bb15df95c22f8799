package de.patientenversand.upload;

import static de.patientenversand.upload.PracticeServer.b64;
import static de.patientenversand.upload.PracticeServer.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("submissions: open with sender and message, send files by tus, complete with a receipt")
class SubmissionFlowTest {
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

    private RawHttp.Response post(String path, String json) throws Exception {
        return RawHttp.post(server.port(), server.linkPath() + path, "application/json",
                json.getBytes(StandardCharsets.UTF_8), "Accept: application/json");
    }

    private void send(String submission, String name, byte[] bytes) throws Exception {
        RawHttp.Response created = tus.create(bytes.length, "filename " + b64(name) + ",submission " + b64(submission));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(tus.patch(tus.uploadPath(created), 0, bytes).status()).isEqualTo(204);
    }

    @Test
    @DisplayName("two files in one submission: 201 receipt lists both with size and SHA-256; the vault holds them with sender and message")
    void receiptOfAllFiles() throws Exception {
        RawHttp.Response opened = post("/submissions", "{\"sender\":\"Praxis Dr. Muster\",\"message\":\"Ihr Befund vom Montag\"}");
        assertThat(opened.status()).isEqualTo(201);
        String submission = JSON.readTree(opened.body()).path("submission").asText();
        assertThat(submission).isNotBlank();

        byte[] pdf = Fixtures.bigPdf(120_000, 21);
        send(submission, "Befund.pdf", pdf);
        send(submission, "Bild.png", Fixtures.PNG);

        RawHttp.Response done = post("/submissions/" + submission + "/complete", "");
        assertThat(done.status()).as(done.body()).isEqualTo(201);
        JsonNode receipt = JSON.readTree(done.body());
        assertThat(receipt.path("submission").asText()).isEqualTo(submission);
        assertThat(receipt.path("receivedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        JsonNode files = receipt.path("files");
        assertThat(files).hasSize(2);
        assertThat(files.get(0).path("name").asText()).isEqualTo("Befund.pdf");
        assertThat(files.get(0).path("size").asLong()).isEqualTo(pdf.length);
        assertThat(files.get(0).path("sha256").asText()).isEqualTo(sha256(pdf));
        assertThat(files.get(1).path("sha256").asText()).isEqualTo(sha256(Fixtures.PNG));

        List<PracticeServer.Decrypted> docs = server.unlockAndRead();
        assertThat(docs).hasSize(2).allSatisfy(d -> {
            assertThat(d.info().submission()).isEqualTo(submission);
            assertThat(d.info().sender()).isEqualTo("Praxis Dr. Muster");
            assertThat(d.info().message()).isEqualTo("Ihr Befund vom Montag");
        });
        assertThat(server.events).hasSize(2).allMatch(e -> e instanceof UploadReceived);
    }

    @Test
    @DisplayName("a completed submission takes no more files (409), and an unknown one gives 404")
    void closedAndUnknown() throws Exception {
        String submission = JSON.readTree(post("/submissions", "{}").body()).path("submission").asText();
        send(submission, "Befund.pdf", Fixtures.PDF);
        assertThat(post("/submissions/" + submission + "/complete", "").status()).isEqualTo(201);

        RawHttp.Response late = tus.create(Fixtures.PDF.length, "filename " + b64("Spät.pdf") + ",submission " + b64(submission));
        assertThat(late.status()).isEqualTo(409);
        assertThat(post("/submissions/unbekannt/complete", "").status()).isEqualTo(404);
        RawHttp.Response unknown = tus.create(10, "submission " + b64("unbekannt"));
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    @DisplayName("completing a submission without any stored file is refused with no_files; too long fields with field_too_long")
    void emptyAndTooLong() throws Exception {
        String submission = JSON.readTree(post("/submissions", "{}").body()).path("submission").asText();
        RawHttp.Response r = post("/submissions/" + submission + "/complete", "");
        assertThat(r.status()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("no_files");

        RawHttp.Response tooLong = post("/submissions", "{\"sender\":\"" + "x".repeat(201) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(JSON.readTree(tooLong.body()).path("error").asText()).isEqualTo("field_too_long");
        assertThat(post("/submissions", "kein json").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("a submission holds at most the configured number of files (too_many_files)")
    void fileLimit() throws Exception {
        String submission = JSON.readTree(post("/submissions", "{}").body()).path("submission").asText();
        for (int i = 0; i < 5; i++) {
            send(submission, "Befund" + i + ".pdf", Fixtures.PDF);
        }
        RawHttp.Response sixth = tus.create(Fixtures.PDF.length, "filename " + b64("Sechs.pdf") + ",submission " + b64(submission));
        assertThat(sixth.status()).isEqualTo(400);
        assertThat(JSON.readTree(sixth.body()).path("error").asText()).isEqualTo("too_many_files");
    }
}
