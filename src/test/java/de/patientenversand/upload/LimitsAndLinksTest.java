package de.patientenversand.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("limits, framing and timeouts of the upload server (token checks: reliability.LinkSecurityTest)")
class LimitsAndLinksTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir, TestServer.smallLimits());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String error(RawHttp.Response r) throws Exception {
        return JSON.readTree(r.body()).path("error").asText();
    }

    @Test
    @DisplayName("the defaults are pinned: 50 MiB, 20 files, 200/10 000 chars, 200 MiB reserve, 32 uploads, 30 s, 1 KB/s, 16 KB headers, 1 000 parts")
    void defaultsPinned() {
        UploadLimits d = UploadLimits.defaults();
        assertThat(d.maxFileBytes()).isEqualTo(52_428_800L);
        assertThat(d.maxFilesPerSubmission()).isEqualTo(20);
        assertThat(d.maxSenderChars()).isEqualTo(200);
        assertThat(d.maxMessageChars()).isEqualTo(10_000);
        assertThat(d.diskReserveBytes()).isEqualTo(200L * 1024 * 1024);
        assertThat(d.maxConcurrentUploads()).isEqualTo(32);
        assertThat(d.maxRequestsPerClient()).isEqualTo(8);
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.minRateBytesPerSecond()).isEqualTo(1024);
        assertThat(d.rateWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.maxHeaderBytes()).isEqualTo(16 * 1024);
        assertThat(d.maxParts()).isEqualTo(1_000);
        assertThat(d.sniffBytes()).isEqualTo(8 * 1024);
    }

    @Test
    @DisplayName("every response carries the security headers; GET /health answers 200 ok")
    void headersAndHealth() throws Exception {
        RawHttp.Response r = RawHttp.get(server.port(), "/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok");
        for (RawHttp.Response x : new RawHttp.Response[] {r, RawHttp.get(server.port(), "/u/unknown"),
                server.upload(new Body().file("a.pdf", Fixtures.PDF).end())}) {
            assertThat(x.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
            assertThat(x.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(x.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(x.header("Cache-Control")).isEqualTo("no-store");
            assertThat(x.header("X-Robots-Tag")).isEqualTo("noindex");
        }
    }

    @Nested
    @DisplayName("T17 oversize files")
    class T17 {
        @Test
        @DisplayName("limit + 1 byte: 413 file_too_large naming the file and the limit, connection closed, nothing stored or left in tmp")
        void oversize() throws Exception {
            long limit = TestServer.smallLimits().maxFileBytes();
            RawHttp.Response r = server.upload(new Body().file("gross.pdf", Fixtures.bigPdf((int) limit + 1, 1)).end());
            assertThat(r.status()).isEqualTo(413);
            assertThat(error(r)).isEqualTo("file_too_large");
            assertThat(JSON.readTree(r.body()).path("message").asText()).contains("»gross.pdf«");
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(server.documentCount()).isZero();
            try (var s = Files.list(dir.resolve("tmp"))) {
                assertThat(s.toList()).isEmpty();
            }
        }

        @Test
        @DisplayName("exactly the limit is stored; a file completed before an oversize one is kept and listed")
        void exactAndKept() throws Exception {
            int limit = (int) TestServer.smallLimits().maxFileBytes();
            assertThat(server.upload(new Body().file("genau.pdf", Fixtures.bigPdf(limit, 2)).end()).status()).isEqualTo(201);
            RawHttp.Response r = server.upload(new Body().file("ok.pdf", Fixtures.PDF).file("gross.pdf", Fixtures.bigPdf(limit + 1, 3)).end());
            assertThat(r.status()).isEqualTo(413);
            JsonNode files = JSON.readTree(r.body()).path("files");
            assertThat(files.get(0).path("name").asText()).isEqualTo("ok.pdf");
            assertThat(files.get(0).path("sha256").asText()).hasSize(64);
            assertThat(server.documentCount()).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("T28 multipart framing")
    class T28 {
        byte[] part(String boundary) {
            return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Rahmen.pdf\"\r\n"
                    + "Content-Type: application/pdf\r\n\r\n" + new String(Fixtures.PDF, StandardCharsets.ISO_8859_1))
                    .getBytes(StandardCharsets.ISO_8859_1);
        }

        RawHttp.Response post(String contentType, byte[] body) throws Exception {
            return RawHttp.post(server.port(), server.uploadPath(), contentType, body);
        }

        @Test
        @DisplayName("(a) no CRLF after the closing delimiter and (d) a quoted boundary: 201, Rahmen.pdf stored")
        void legalVariants() throws Exception {
            byte[] a = Fixtures.concat(part("XyZ"), "\r\n--XyZ--".getBytes(StandardCharsets.US_ASCII));
            assertThat(post(Body.TYPE, a).status()).isEqualTo(201);
            assertThat(post("multipart/form-data; boundary=\"XyZ\"", a).status()).isEqualTo(201);
            String b70 = "b".repeat(70);
            byte[] e = Fixtures.concat(part(b70), ("\r\n--" + b70 + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(post("multipart/form-data; boundary=" + b70, e).status()).isEqualTo(201);
            assertThat(server.documentCount()).isEqualTo(3);
        }

        @Test
        @DisplayName("(b) missing closing delimiter: 400 bad_request, nothing stored; (c) two boundaries, (e) huge boundary, (f) none, (g) not multipart: 400/431")
        void refused() throws Exception {
            RawHttp.Response b = post(Body.TYPE, Fixtures.concat(part("XyZ"), "\r\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(b.status()).as("b " + b.body()).isEqualTo(400);
            assertThat(error(b)).isEqualTo("bad_request");
            byte[] a = Fixtures.concat(part("XyZ"), "\r\n--XyZ--".getBytes(StandardCharsets.US_ASCII));
            assertThat(post("multipart/form-data; boundary=XyZ; boundary=Other", a).status()).as("c").isEqualTo(400);
            assertThat(post("multipart/form-data; boundary=" + "b".repeat(100_000), a).status()).isIn(400, 431);
            assertThat(post("multipart/form-data", a).status()).as("f").isEqualTo(400);
            assertThat(post("application/octet-stream", Fixtures.PDF).status()).as("g").isEqualTo(400);
            assertThat(server.documentCount()).isZero();
        }
    }

    @Nested
    @DisplayName("T27 hostile parts")
    class T27 {
        @Test
        @DisplayName("(a) a big part named file without filename, (b) a 1 MB file name, (c) 10 000 header lines, 10 000 tiny parts: 400, nothing stored, a normal upload works after")
        void hostile() throws Exception {
            byte[] big = new byte[2 * 1024 * 1024];
            assertThat(server.upload(new Body().raw("--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n")
                    .raw(new String(big, StandardCharsets.ISO_8859_1)).raw("\r\n--XyZ--\r\n")).status()).as("a").isIn(400, 413);
            assertThat(server.upload(new Body().file("name=\"file\"; filename=\"" + "A".repeat(1_000_000) + ".pdf\"",
                    "application/pdf", Fixtures.PDF).end()).status()).as("b").isIn(400, 413);
            assertThat(server.upload(new Body().raw("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                    + "X-Pad: 1\r\n".repeat(10_000) + "\r\n%PDF-1.4\n\r\n--XyZ--\r\n")).status()).as("c").isIn(400, 413);
            Body tiny = new Body();
            for (int i = 0; i < 10_000; i++) {
                tiny.field("x", "1");
            }
            assertThat(server.upload(tiny.end()).status()).as("parts").isIn(400, 413);
            assertThat(server.documentCount()).isZero();
            assertThat(server.upload(new Body().file("a.pdf", Fixtures.PDF).end()).status()).isEqualTo(201);
        }
    }

    @Nested
    @DisplayName("T29 slow and stalled clients")
    class T29 {
        @Test
        @DisplayName("a client sending one byte per second is cut off (408 or closed) and a normal upload still succeeds meanwhile")
        void trickle() throws Exception {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(15_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST " + server.uploadPath() + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + Body.TYPE
                        + "\r\nContent-Length: 1000000\r\n\r\n--XyZ\r\n").getBytes(StandardCharsets.ISO_8859_1));
                long start = System.nanoTime();
                assertThat(server.upload(new Body().file("a.pdf", Fixtures.PDF).end()).status()).isEqualTo(201);
                boolean closed = false;
                for (int i = 0; i < 12 && !closed; i++) {
                    try {
                        out.write('a');
                        out.flush();
                        Thread.sleep(1000);
                        if (s.getInputStream().available() > 0) {
                            closed = true;
                        }
                    } catch (java.io.IOException e) {
                        closed = true;
                    }
                }
                assertThat(closed).as("connection ended by the server").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(12));
            }
            assertThat(server.stack.policy().slots().available()).isEqualTo(TestServer.smallLimits().maxConcurrentUploads());
        }

        @Test
        @DisplayName("a body that stalls and a request whose headers never finish are both closed after the idle timeout, and the slot is freed")
        void stalled() throws Exception {
            for (String start : new String[] {
                "POST " + server.uploadPath() + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + Body.TYPE
                        + "\r\nContent-Length: 100000\r\n\r\n--XyZ\r\n",
                "POST " + server.uploadPath() + " HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n"}) {
                try (Socket s = new Socket("127.0.0.1", server.port())) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write(start.getBytes(StandardCharsets.ISO_8859_1));
                    long t0 = System.nanoTime();
                    java.io.InputStream in = s.getInputStream();
                    try {
                        while (in.read() != -1) {
                            // an answer (408) may come before the close
                        }
                    } catch (java.io.IOException reset) {
                        // closed by the server
                    }
                    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
                }
            }
            Thread.sleep(200);
            assertThat(server.stack.policy().slots().available()).isEqualTo(TestServer.smallLimits().maxConcurrentUploads());
        }
    }
}
