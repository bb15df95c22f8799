package de.patientenversand.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("refusals: each with its code, a message naming the file, and nothing stored")
class RefusalsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    static JsonNode json(RawHttp.Response r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Nested
    @DisplayName("T25 success means durable, errors are specific")
    class T25 {
        @Test
        @DisplayName("a full disk: 507 insufficient_storage naming the file, nothing stored; once space is back the same upload is stored")
        void storageFull() throws Exception {
            AtomicLong free = new AtomicLong(10);
            try (TestServer server = new TestServer(dir, TestServer.smallLimits().withDiskReserveBytes(1000), free::get)) {
                RawHttp.Response r = server.upload(new Body().file("Befund.pdf", Fixtures.PDF).end());
                assertThat(r.status()).isEqualTo(507);
                assertThat(json(r).path("error").asText()).isEqualTo("insufficient_storage");
                assertThat(json(r).path("message").asText()).contains("»Befund.pdf«");
                assertThat(server.documentCount()).isZero();
                assertThat(server.submissionCount()).isZero();
                free.set(Long.MAX_VALUE / 4);
                RawHttp.Response ok = server.upload(new Body().file("Befund.pdf", Fixtures.PDF).end());
                assertThat(ok.status()).isEqualTo(201);
                try (var inbox = server.unlock()) {
                    var doc = inbox.documents().get(0);
                    assertThat(doc.sha256()).isEqualTo(json(ok).path("files").get(0).path("sha256").asText());
                    assertThat(inbox.open(doc.id()).readAllBytes()).isEqualTo(Fixtures.PDF);
                }
            }
        }

        @Test
        @DisplayName("2 good files and 1 HTML file: 201, both good ones stored, the bad one listed with 415 and a message naming it")
        void mixedBatch() throws Exception {
            try (TestServer server = new TestServer(dir, TestServer.smallLimits())) {
                RawHttp.Response r = server.upload(new Body().file("a.pdf", Fixtures.PDF)
                        .file("b.html.pdf", "<html><body>x</body></html>".getBytes(StandardCharsets.US_ASCII))
                        .file("c.png", Fixtures.PNG).end());
                assertThat(r.status()).isEqualTo(201);
                JsonNode files = json(r).path("files");
                assertThat(files).hasSize(3);
                assertThat(files.get(1).path("error").asText()).isEqualTo("unsupported_type");
                assertThat(files.get(1).path("message").asText()).contains("»b.html.pdf«");
                assertThat(server.documentCount()).isEqualTo(2);
                assertThat(server.events.stream().filter(e -> e instanceof UploadReceived)).hasSize(2);
            }
        }

        @Test
        @DisplayName("a plain HTML form post gets a German receipt page with names as text and the SHA-256; ?lang=en gives English")
        void htmlReceipt() throws Exception {
            try (TestServer server = new TestServer(dir, TestServer.smallLimits())) {
                RawHttp.Response r = server.upload(new Body().file("Befund <1>.pdf", Fixtures.PDF).end(), "Accept: text/html,application/xhtml+xml");
                assertThat(r.status()).isEqualTo(201);
                assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
                assertThat(r.body()).contains("<html lang=\"de\">", "Empfangsbestätigung", "Befund 1.pdf",
                        TypesAndSizesTest.sha256(Fixtures.PDF));
                RawHttp.Response en = RawHttp.post(server.port(), server.uploadPath() + "?lang=en", Body.TYPE,
                        new Body().file("a.pdf", Fixtures.PDF).end().bytes(), "Accept: text/html");
                assertThat(en.body()).contains("<html lang=\"en\">", "Receipt");
            }
        }
    }

    @Test
    @DisplayName("more files than allowed: the extra ones are refused with too_many_files, the others stored")
    void tooManyFiles() throws Exception {
        try (TestServer server = new TestServer(dir, TestServer.smallLimits())) {
            Body b = new Body();
            for (int i = 0; i < 4; i++) {
                b.file("f" + i + ".pdf", Fixtures.PDF);
            }
            RawHttp.Response r = server.upload(b.end());
            assertThat(r.status()).isEqualTo(201);
            assertThat(json(r).path("files").get(3).path("error").asText()).isEqualTo("too_many_files");
            assertThat(server.documentCount()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("a sender over 200 or a message over 10 000 characters: 400 field_too_long, nothing stored")
    void fieldTooLong() throws Exception {
        try (TestServer server = new TestServer(dir, TestServer.smallLimits())) {
            RawHttp.Response s = server.upload(new Body().field("sender", "ä".repeat(201)).file("a.pdf", Fixtures.PDF).end());
            assertThat(s.status()).isEqualTo(400);
            assertThat(json(s).path("error").asText()).isEqualTo("field_too_long");
            RawHttp.Response m = server.upload(new Body().field("message", "x".repeat(10_001)).file("a.pdf", Fixtures.PDF).end());
            assertThat(json(m).path("error").asText()).isEqualTo("field_too_long");
            assertThat(server.upload(new Body().field("sender", "ä".repeat(200)).field("message", "x".repeat(10_000))
                    .file("a.pdf", Fixtures.PDF).end()).status()).isEqualTo(201);
            assertThat(server.documentCount()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a link with a quota of 1: the second document gets 403 quota_exceeded")
    void quota() throws Exception {
        try (TestServer server = new TestServer(dir, TestServer.smallLimits())) {
            var limited = server.links.create("Praxis Q", Duration.ofDays(1), 1, "Erika");
            String path = "/u/" + limited.token() + "/upload";
            assertThat(RawHttp.post(server.port(), path, Body.TYPE, new Body().file("a.pdf", Fixtures.PDF).end().bytes()).status()).isEqualTo(201);
            RawHttp.Response r = RawHttp.post(server.port(), path, Body.TYPE, new Body().file("b.pdf", Fixtures.PDF).end().bytes());
            assertThat(r.status()).isEqualTo(403);
            assertThat(json(r).path("error").asText()).isEqualTo("quota_exceeded");
            assertThat(server.documentCount()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("headers over 16 KB: 431 headers_too_large; a header flood far beyond is refused without harm")
    void headerFlood() throws Exception {
        try (TestServer server = new TestServer(dir, TestServer.smallLimits())) {
            RawHttp.Response r = RawHttp.get(server.port(), "/health", "X-Pad: " + "a".repeat(20_000));
            assertThat(r.status()).isEqualTo(431);
            assertThat(json(r).path("error").asText()).isEqualTo("headers_too_large");
            StringBuilder many = new StringBuilder();
            try {
                String[] flood = new String[150];
                for (int i = 0; i < flood.length; i++) {
                    flood[i] = "X-F" + i + ": " + "b".repeat(1000);
                }
                RawHttp.Response f = RawHttp.get(server.port(), "/health", flood);
                assertThat(f.status()).isGreaterThanOrEqualTo(400);
            } catch (java.io.IOException closed) {
                many.append("closed");
            }
            assertThat(RawHttp.get(server.port(), "/health").status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("with all upload slots taken, the next upload gets 503 busy with Retry-After at once")
    void busy() throws Exception {
        try (TestServer server = new TestServer(dir, TestServer.smallLimits().withMaxConcurrentUploads(1))) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                OutputStream out = s.getOutputStream();
                out.write(("POST " + server.uploadPath() + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + Body.TYPE
                        + "\r\nContent-Length: 100000\r\n\r\n--XyZ\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                long deadline = System.currentTimeMillis() + 3000;
                while (server.stack.policy().slots().available() > 0 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                RawHttp.Response r = server.upload(new Body().file("a.pdf", Fixtures.PDF).end());
                assertThat(r.status()).isEqualTo(503);
                assertThat(json(r).path("error").asText()).isEqualTo("busy");
                assertThat(r.header("Retry-After")).isNotBlank();
            }
        }
    }
}
