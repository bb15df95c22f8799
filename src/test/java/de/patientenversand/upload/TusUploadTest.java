package de.patientenversand.upload;

import static de.patientenversand.upload.PracticeServer.b64;
import static de.patientenversand.upload.PracticeServer.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("tus 1.0 on /u/{token}/tus/: resumable uploads into the real vault")
class TusUploadTest {
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

    private String created(long length, String name) throws Exception {
        RawHttp.Response r = tus.create(length, "filename " + b64(name) + ",filetype " + b64("application/pdf"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return tus.uploadPath(r);
    }

    @Test
    @DisplayName("OPTIONS advertises tus 1.0.0, creation and termination, and the size limit")
    void optionsAdvertise() throws Exception {
        RawHttp.Response r = tus.options();
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("Tus-Version")).isEqualTo("1.0.0");
        assertThat(r.header("Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(r.header("Tus-Extension")).isEqualTo("creation,termination");
        assertThat(r.header("Tus-Max-Size")).isEqualTo(Long.toString(1024 * 1024));
    }

    @Test
    @DisplayName("a standard client without a submission creates, sends in two chunks and gets one document that decrypts to the same bytes")
    void creationWithoutSubmission() throws Exception {
        byte[] pdf = Fixtures.bigPdf(300_000, 1);
        String path = created(pdf.length, "Arztbrief_Müller.pdf");
        assertThat(path).startsWith(server.linkPath() + "/tus/");

        RawHttp.Response first = tus.patch(path, 0, Arrays.copyOf(pdf, 100_000));
        assertThat(first.status()).isEqualTo(204);
        assertThat(first.header("Upload-Offset")).isEqualTo("100000");
        RawHttp.Response head = tus.head(path);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Upload-Offset")).isEqualTo("100000");
        assertThat(head.header("Upload-Length")).isEqualTo("300000");
        assertThat(head.header("Cache-Control")).contains("no-store");
        assertThat(server.documentCount()).as("nothing visible before the last byte").isZero();

        RawHttp.Response last = tus.patch(path, 100_000, Arrays.copyOfRange(pdf, 100_000, pdf.length));
        assertThat(last.status()).isEqualTo(204);
        assertThat(last.header("Upload-Offset")).isEqualTo("300000");

        var docs = server.unlockAndRead();
        assertThat(docs).hasSize(1);
        assertThat(docs.getFirst().info().name()).isEqualTo("Arztbrief_Müller.pdf");
        assertThat(docs.getFirst().info().type()).isEqualTo("application/pdf");
        assertThat(docs.getFirst().sha256()).isEqualTo(sha256(pdf));
        assertThat(server.events).singleElement().isInstanceOfSatisfying(UploadReceived.class,
                e -> assertThat(e.size()).isEqualTo(pdf.length));
        assertThat(server.partialFiles()).isEmpty();
    }

    @Test
    @DisplayName("a PATCH at the wrong offset gets 409 and changes nothing")
    void wrongOffset() throws Exception {
        byte[] pdf = Fixtures.bigPdf(50_000, 2);
        String path = created(pdf.length, "Befund.pdf");
        assertThat(tus.patch(path, 0, Arrays.copyOf(pdf, 20_000)).status()).isEqualTo(204);

        RawHttp.Response wrong = tus.patch(path, 10_000, Arrays.copyOfRange(pdf, 10_000, 30_000));
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(tus.head(path).header("Upload-Offset")).isEqualTo("20000");

        assertThat(tus.patch(path, 20_000, Arrays.copyOfRange(pdf, 20_000, pdf.length)).status()).isEqualTo(204);
        assertThat(server.unlockAndRead()).singleElement().satisfies(d -> assertThat(d.sha256()).isEqualTo(sha256(pdf)));
    }

    @Test
    @DisplayName("DELETE terminates an upload: 204, then 404, and no partial file remains")
    void termination() throws Exception {
        byte[] pdf = Fixtures.bigPdf(100_000, 3);
        String path = created(pdf.length, "Abbruch.pdf");
        assertThat(tus.patch(path, 0, Arrays.copyOf(pdf, 40_000)).status()).isEqualTo(204);
        assertThat(server.partialFiles()).as("the encrypted partial file while it runs").isNotEmpty();

        assertThat(tus.delete(path).status()).isEqualTo(204);
        assertThat(tus.head(path).status()).isEqualTo(404);
        assertThat(tus.patch(path, 40_000, Arrays.copyOfRange(pdf, 40_000, pdf.length)).status()).isEqualTo(404);
        assertThat(server.partialFiles()).isEmpty();
        assertThat(server.documentCount()).isZero();
    }

    @Test
    @DisplayName("an Upload-Length over the limit is refused at creation with 413 file_too_large")
    void tooLargeAtCreation() throws Exception {
        RawHttp.Response r = tus.create(1024 * 1024 + 1, "filename " + b64("Riesig.pdf"));
        assertThat(r.status()).isEqualTo(413);
        JsonNode json = JSON.readTree(r.body());
        assertThat(json.path("error").asText()).isEqualTo("file_too_large");
        assertThat(json.path("message").asText()).contains("Riesig.pdf");
        assertThat(r.header("Location")).isNull();
    }

    @Test
    @DisplayName("a body longer than Upload-Length is refused with 413 and nothing is kept")
    void bodyLongerThanLength() throws Exception {
        String path = created(10_000, "Kurz.pdf");
        RawHttp.Response r = tus.patch(path, 0, Fixtures.bigPdf(20_000, 4));
        assertThat(r.status()).isEqualTo(413);
        assertThat(server.documentCount()).isZero();
        assertThat(server.partialFiles()).isEmpty();
    }

    @Test
    @DisplayName("creation without Upload-Length is a 400; a zero length is empty_file; a client without Tus-Resumable gets 412")
    void badCreations() throws Exception {
        assertThat(tus.send("POST", server.linkPath() + "/tus/", new byte[0]).status()).isEqualTo(400);
        RawHttp.Response empty = tus.create(0, "filename " + b64("leer.pdf"));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(JSON.readTree(empty.body()).path("error").asText()).isEqualTo("empty_file");
        RawHttp.Response old = RawHttp.post(server.port(), server.linkPath() + "/tus/", null, new byte[0], "Upload-Length: 10");
        assertThat(old.status()).isEqualTo(412);
        assertThat(old.header("Tus-Version")).isEqualTo("1.0.0");
    }

    @Test
    @DisplayName("content that is HTML is refused with 415 once the first bytes are in, and nothing is kept")
    void htmlRefused() throws Exception {
        byte[] html = "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        String path = created(html.length, "Befund.pdf");
        RawHttp.Response r = tus.patch(path, 0, html);
        assertThat(r.status()).isEqualTo(415);
        assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("unsupported_type");
        assertThat(server.documentCount()).isZero();
        assertThat(tus.head(path).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("revoking the link mid-upload stops it: the next PATCH gets 410 link_revoked and nothing is kept")
    void revokedMidUpload() throws Exception {
        byte[] pdf = Fixtures.bigPdf(60_000, 5);
        String path = created(pdf.length, "Befund.pdf");
        assertThat(tus.patch(path, 0, Arrays.copyOf(pdf, 30_000)).status()).isEqualTo(204);

        server.links.revoke(server.link.id());
        RawHttp.Response r = tus.patch(path, 30_000, Arrays.copyOfRange(pdf, 30_000, pdf.length));
        assertThat(r.status()).isEqualTo(410);
        assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("link_revoked");
        assertThat(server.resumable.sweep()).as("housekeeping drops the partial upload").isEqualTo(1);
        assertThat(server.partialFiles()).isEmpty();
        assertThat(server.documentCount()).isZero();
    }

    @Test
    @DisplayName("a link that expires mid-upload stops it with 410 link_expired; housekeeping removes the partial file")
    void expiredMidUpload() throws Exception {
        byte[] pdf = Fixtures.bigPdf(60_000, 6);
        String path = created(pdf.length, "Befund.pdf");
        assertThat(tus.patch(path, 0, Arrays.copyOf(pdf, 30_000)).status()).isEqualTo(204);

        server.links.expire(server.link.id());
        assertThat(server.resumable.sweep()).isEqualTo(1);
        assertThat(server.partialFiles()).isEmpty();
        RawHttp.Response r = tus.patch(path, 30_000, Arrays.copyOfRange(pdf, 30_000, pdf.length));
        assertThat(r.status()).isEqualTo(410);
        assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("link_expired");
        assertThat(server.documentCount()).isZero();
    }

    @Test
    @DisplayName("an upload id is bound to its link: another link's token does not find it")
    void boundToLink() throws Exception {
        String path = created(1000, "Befund.pdf");
        var other = server.links.create("Praxis Zwei", Duration.ofDays(1), null, "Erika Mustermann");
        String id = path.substring(path.lastIndexOf('/') + 1);
        TusClient foreign = new TusClient(server.port(), "/u/" + other.token());
        assertThat(foreign.head("/u/" + other.token() + "/tus/" + id).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("revoking the link while a PATCH is streaming stops that PATCH with 410 and keeps nothing")
    void revokedWhileStreaming() throws Exception {
        byte[] pdf = Fixtures.bigPdf(200_000, 8);
        String path = created(pdf.length, "Befund.pdf");
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            var out = s.getOutputStream();
            out.write(("PATCH " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nContent-Length: " + pdf.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(pdf, 0, 50_000);
            out.flush();
            Thread.sleep(300);
            server.links.revoke(server.link.id());
            Thread.sleep(1200);
            try {
                out.write(pdf, 50_000, 50_000);
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server may already have answered and closed
            }
            RawHttp.Response r = RawHttp.read(s.getInputStream());
            assertThat(r.status()).isEqualTo(410);
            assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("link_revoked");
        }
        assertThat(server.partialFiles()).isEmpty();
        assertThat(server.documentCount()).isZero();
        assertThat(server.resumable.openUploads()).isZero();
    }
}
