package de.patientenversand.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The multipart cases of /work/shared/cases/upload-cases.md, one nested class per id. */
@DisplayName("upload cases from real-world bug reports (multipart endpoint)")
class UploadCasesTest {
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

    /** Posts one part with the raw disposition parameters (Latin-1 chars = bytes) and returns the stored name. */
    String storedName(String disposition, byte[] content) throws Exception {
        RawHttp.Response r = server.upload(new Body().file(disposition, "application/pdf", content).end());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("files").get(0).path("name").asText();
    }

    static String utf8(String s) {
        return Body.latin1(s);
    }

    @Nested
    @DisplayName("T01 umlauts in file names")
    class T01 {
        @Test
        @DisplayName("raw UTF-8 without any charset arrives as Arztbrief_Müller_Größe_Ärztin.pdf, code point for code point")
        void rawUtf8() throws Exception {
            String name = storedName("name=\"file\"; filename=\"" + utf8("Arztbrief_Müller_Größe_Ärztin.pdf") + "\"", Fixtures.PDF);
            assertThat(name).isEqualTo("Arztbrief_M\u00fcller_Gr\u00f6\u00dfe_\u00c4rztin.pdf");
            assertThat(server.inboxNames()).containsExactly("Arztbrief_M\u00fcller_Gr\u00f6\u00dfe_\u00c4rztin.pdf");
        }

        @Test
        @DisplayName("the same body with charset=UTF-8 on the request gives the same name")
        void declaredCharset() throws Exception {
            byte[] body = new Body().file("name=\"file\"; filename=\"" + utf8("Arztbrief_Müller.pdf") + "\"",
                    "application/pdf", Fixtures.PDF).end().bytes();
            RawHttp.Response r = RawHttp.post(server.port(), server.uploadPath(), Body.TYPE + "; charset=UTF-8", body);
            assertThat(r.status()).isEqualTo(201);
            assertThat(JSON.readTree(r.body()).path("files").get(0).path("name").asText()).isEqualTo("Arztbrief_Müller.pdf");
        }

        @Test
        @DisplayName("Latin-1 bytes (invalid UTF-8) are stored and decoded as Latin-1: Arztbrief_Müller.pdf")
        void latin1Fallback() throws Exception {
            assertThat(storedName("name=\"file\"; filename=\"Arztbrief_M\u00fcller.pdf\"", Fixtures.PDF))
                    .isEqualTo("Arztbrief_Müller.pdf");
            assertThat(server.documentCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("filename* (RFC 5987) wins over filename")
        void extendedFilename() throws Exception {
            assertThat(storedName("name=\"file\"; filename=\"fallback.pdf\"; filename*=UTF-8''Gr%C3%B6%C3%9Fe.pdf", Fixtures.PDF))
                    .isEqualTo("Größe.pdf");
        }
    }

    @Nested
    @DisplayName("T02 NFD names from macOS")
    class T02 {
        @Test
        @DisplayName("NFD and NFC names both arrive as NFC (U+00DC) and stay two documents")
        void nfdAndNfc() throws Exception {
            String a = storedName("name=\"file\"; filename=\"" + utf8("U\u0308berweisung_Kardiologie.pdf") + "\"", Fixtures.PDF);
            String b = storedName("name=\"file\"; filename=\"" + utf8("\u00dcberweisung_Kardiologie.pdf") + "\"", Fixtures.PDF2);
            assertThat(a).isEqualTo(b).isEqualTo("\u00dcberweisung_Kardiologie.pdf");
            assertThat(server.documentCount()).isEqualTo(2);
            assertThat(server.inboxNames()).containsExactly("\u00dcberweisung_Kardiologie.pdf", "\u00dcberweisung_Kardiologie.pdf");
        }
    }

    @Nested
    @DisplayName("T04 quotes, semicolons and encoded CR/LF in names")
    class T04 {
        @Test
        @DisplayName("%22 is never shown; the quotes are dropped consistently")
        void percent22() throws Exception {
            assertThat(storedName("name=\"file\"; filename=\"Befund %22Dr. Mustermann%22.pdf\"", Fixtures.PDF))
                    .isEqualTo("Befund Dr. Mustermann.pdf");
        }

        @Test
        @DisplayName("a backslash-escaped quote does not cut the name")
        void escapedQuote() throws Exception {
            assertThat(storedName("name=\"file\"; filename=\"Befund \\\"A\\\".pdf\"", Fixtures.PDF)).isEqualTo("Befund A.pdf");
        }

        @Test
        @DisplayName("a semicolon inside the quoted name is kept: Labor; Blutbild 03.2024.pdf")
        void semicolon() throws Exception {
            assertThat(storedName("name=\"file\"; filename=\"Labor; Blutbild 03.2024.pdf\"", Fixtures.PDF))
                    .isEqualTo("Labor; Blutbild 03.2024.pdf");
        }

        @Test
        @DisplayName("encoded CR/LF never reach the stored name")
        void crlf() throws Exception {
            String name = storedName("name=\"file\"; filename=\"Scan%0D%0AX-Injected: 1.pdf\"", Fixtures.PDF);
            assertThat(name).doesNotContain("\r", "\n").isEqualTo("ScanX-Injected 1.pdf");
        }

        @Test
        @DisplayName("an unquoted value: Befund.pdf")
        void unquoted() throws Exception {
            assertThat(storedName("name=\"file\"; filename=Befund.pdf", Fixtures.PDF)).isEqualTo("Befund.pdf");
        }
    }

    @Nested
    @DisplayName("T05 entities in names")
    class T05 {
        @Test
        @DisplayName("R&#246;ntgen.jpg is stored literally, not decoded")
        void literalEntity() throws Exception {
            RawHttp.Response r = server.upload(new Body().file("name=\"file\"; filename=\"R&#246;ntgen.jpg\"", "image/jpeg",
                    Fixtures.JPEG).end());
            assertThat(r.status()).isEqualTo(201);
            assertThat(JSON.readTree(r.body()).path("files").get(0).path("name").asText()).isEqualTo("R&#246;ntgen.jpg");
        }
    }

    @Nested
    @DisplayName("T06 HTML in file names")
    class T06 {
        @Test
        @DisplayName("the name comes back as JSON text; the HTML receipt escapes it; the CSP allows no inline script")
        void markupIsText() throws Exception {
            RawHttp.Response json = server.upload(new Body().file("name=\"file\"; filename=\"<img src=x onerror=alert(document.domain)>.pdf\"",
                    "application/pdf", Fixtures.PDF).end());
            assertThat(json.status()).isEqualTo(201);
            assertThat(json.header("Content-Type")).startsWith("application/json");
            assertThat(JSON.readTree(json.body()).path("files").get(0).path("name").asText())
                    .isEqualTo("img src=x onerror=alert(document.domain).pdf");
            RawHttp.Response html = server.upload(new Body().file("name=\"file\"; filename=\"%22><svg onload=alert(1)>.pdf\"",
                    "application/pdf", Fixtures.PDF).end(), "Accept: text/html");
            assertThat(html.status()).isEqualTo(201);
            assertThat(html.body()).doesNotContain("<svg").contains("svg onload=alert(1).pdf");
            assertThat(html.header("Content-Security-Policy")).contains("default-src 'self'").doesNotContain("unsafe-inline");
        }
    }

    @Nested
    @DisplayName("T08 path traversal in names")
    class T08 {
        @Test
        @DisplayName("every traversal name is reduced to its last segment or Dokument; nothing is written outside the vault")
        void traversal() throws Exception {
            List<String[]> cases = List.of(
                    new String[] {"../../../../QA_trav1.pdf", "QA_trav1.pdf"},
                    new String[] {"..\\..\\..\\QA_trav2.pdf", "QA_trav2.pdf"},
                    new String[] {"/var/tmp/QA_trav3.pdf", "QA_trav3.pdf"},
                    new String[] {"....//....//QA_trav4.pdf", "QA_trav4.pdf"},
                    new String[] {"%2e%2e%2fQA_trav5.pdf", "%2e%2e%2fQA_trav5.pdf"},
                    new String[] {"..", "Dokument"},
                    new String[] {".", "Dokument"},
                    new String[] {"QA_trav6.pdf\0.jpg", "QA_trav6.pdf"});
            for (String[] c : cases) {
                assertThat(storedName("name=\"file\"; filename=\"" + c[0] + "\"", Fixtures.PDF)).as(c[0]).isEqualTo(c[1]);
            }
            assertThat(server.documentCount()).isEqualTo(cases.size());
            assertThat(server.files()).allSatisfy(p -> assertThat(p.getFileName().toString()).doesNotContain("QA_trav"));
            try (var s = Files.walk(dir.getParent(), 2)) {
                assertThat(s.filter(p -> p.getFileName().toString().startsWith("QA_trav")).toList()).isEmpty();
            }
        }
    }

    @Nested
    @DisplayName("T10 long names")
    class T10 {
        @Test
        @DisplayName("200 × Ä + _Entlassbrief.pdf is stored, shortened on a character boundary to ≤ 240 bytes, .pdf kept")
        void longUmlauts() throws Exception {
            String name = storedName("name=\"file\"; filename=\"" + utf8("Ä".repeat(200) + "_Entlassbrief.pdf") + "\"", Fixtures.PDF);
            assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(240);
            assertThat(name).endsWith(".pdf").startsWith("ÄÄÄ").doesNotContain("\uFFFD");
        }

        @Test
        @DisplayName("Befund_ + 300 × x + .pdf is stored with at most 200 characters and .pdf kept")
        void longAscii() throws Exception {
            String name = storedName("name=\"file\"; filename=\"Befund_" + "x".repeat(300) + ".pdf\"", Fixtures.PDF);
            assertThat(name).hasSize(200).startsWith("Befund_x").endsWith("x.pdf");
        }
    }

    @Nested
    @DisplayName("T12 zero-byte files")
    class T12 {
        @Test
        @DisplayName("an empty file alone: 400 empty_file naming it, nothing stored")
        void emptyAlone() throws Exception {
            RawHttp.Response r = server.upload(new Body().file("leer.pdf", new byte[0]).end());
            assertThat(r.status()).isEqualTo(400);
            JsonNode json = JSON.readTree(r.body());
            assertThat(json.path("error").asText()).isEqualTo("empty_file");
            assertThat(json.path("message").asText()).contains("»leer.pdf«").contains("leer");
            assertThat(server.documentCount()).isZero();
        }

        @Test
        @DisplayName("an empty and a real file together: 201, the real one stored, the empty one listed with its error")
        void emptyAndReal() throws Exception {
            RawHttp.Response r = server.upload(new Body().file("leer.pdf", new byte[0]).file("mini.pdf", Fixtures.PDF).end());
            assertThat(r.status()).isEqualTo(201);
            JsonNode files = JSON.readTree(r.body()).path("files");
            assertThat(files.get(0).path("error").asText()).isEqualTo("empty_file");
            assertThat(files.get(0).has("sha256")).isFalse();
            assertThat(files.get(1).path("sha256").asText()).hasSize(64);
            assertThat(server.documentCount()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("T13 nothing selected")
    class T13 {
        @Test
        @DisplayName("an empty file input (filename=\"\"): 400 no_files, no submission created")
        void emptyInput() throws Exception {
            RawHttp.Response r = server.upload(new Body().raw("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n\r\n--XyZ--\r\n"));
            assertThat(r.status()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("no_files");
            assertThat(JSON.readTree(r.body()).path("message").asText()).isEqualTo("Bitte wählen Sie mindestens eine Datei aus.");
            assertThat(server.submissionCount()).isZero();
            assertThat(server.events).noneMatch(e -> e instanceof UploadReceived);
        }

        @Test
        @DisplayName("a body without parts: 400 no_files")
        void noParts() throws Exception {
            RawHttp.Response r = server.upload(new Body().raw("--XyZ--\r\n"));
            assertThat(r.status()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("no_files");
            assertThat(server.submissionCount()).isZero();
        }
    }
}
