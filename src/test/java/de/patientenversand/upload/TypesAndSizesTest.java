package de.patientenversand.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.vault.DocumentInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("types from content, sizes, refusals per file")
class TypesAndSizesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir, TestServer.smallLimits().withMaxFileBytes(12L * 1024 * 1024));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static byte[] zip(String... entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String e : entries) {
                z.putNextEntry(new ZipEntry(e));
                z.write("x".getBytes(StandardCharsets.US_ASCII));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** Sends one file as octet-stream with a neutral name; returns the stored type or the error code. */
    String judge(byte[] content) throws Exception {
        RawHttp.Response r = server.upload(new Body().file("name=\"file\"; filename=\"datei\"", "application/octet-stream", content).end());
        JsonNode json = JSON.readTree(r.body());
        if (r.status() != 201) {
            assertThat(r.status()).isEqualTo(415);
            return json.path("error").asText();
        }
        try (var inbox = server.unlock()) {
            return inbox.documents().stream().filter(d -> d.sha256().equals(json.path("files").get(0).path("sha256").asText()))
                    .map(DocumentInfo::type).findFirst().orElseThrow();
        }
    }

    @Nested
    @DisplayName("allowed types (DESIGN.md section 6), each detected from content, declared as octet-stream")
    class Allowed {
        @Test
        @DisplayName("PDF") void pdf() throws Exception { assertThat(judge(Fixtures.PDF)).isEqualTo("application/pdf"); }
        @Test
        @DisplayName("JPEG") void jpeg() throws Exception { assertThat(judge(Fixtures.JPEG)).isEqualTo("image/jpeg"); }
        @Test
        @DisplayName("PNG") void png() throws Exception { assertThat(judge(Fixtures.PNG)).isEqualTo("image/png"); }
        @Test
        @DisplayName("GIF") void gif() throws Exception { assertThat(judge("GIF89a\1\0\1\0\0\0\0;".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("image/gif"); }
        @Test
        @DisplayName("TIFF") void tiff() throws Exception { assertThat(judge(Fixtures.bytes('I', 'I', 42, 0, 8, 0, 0, 0, 0, 0))).isEqualTo("image/tiff"); }
        @Test
        @DisplayName("WebP") void webp() throws Exception { assertThat(judge("RIFF\u0024\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("image/webp"); }
        @Test
        @DisplayName("HEIC") void heic() throws Exception { assertThat(judge(Fixtures.HEIC)).startsWith("image/hei"); }
        @Test
        @DisplayName("DICOM without extension") void dicom() throws Exception { assertThat(judge(Fixtures.DICOM)).isEqualTo("application/dicom"); }
        @Test
        @DisplayName("ZIP") void zipFile() throws Exception { assertThat(judge(zip("a.txt"))).isEqualTo("application/zip"); }
        @Test
        @DisplayName("DOCX") void docx() throws Exception {
            assertThat(judge(zip("[Content_Types].xml", "word/document.xml"))).contains("wordprocessingml");
        }
        @Test
        @DisplayName("XLSX") void xlsx() throws Exception {
            assertThat(judge(zip("[Content_Types].xml", "xl/workbook.xml"))).contains("spreadsheetml");
        }
        @Test
        @DisplayName("OLE2 (DOC, XLS)") void ole2() throws Exception {
            byte[] ole = new byte[1024];
            System.arraycopy(Fixtures.bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1), 0, ole, 0, 8);
            assertThat(judge(ole)).isIn("application/x-tika-msoffice", "application/msword", "application/vnd.ms-excel");
        }
        @Test
        @DisplayName("RTF") void rtf() throws Exception { assertThat(judge("{\\rtf1\\ansi Befund}".getBytes(StandardCharsets.US_ASCII))).isEqualTo("application/rtf"); }
        @Test
        @DisplayName("plain text, UTF-8 and Latin-1") void text() throws Exception {
            assertThat(judge("Blutwerte: Hämoglobin 14,2\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("text/plain");
            assertThat(judge("Blutwerte: H\u00e4moglobin 14,2\n".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("text/plain");
        }
        @Test
        @DisplayName("MP4 and MOV") void video() throws Exception {
            byte[] mp4 = Fixtures.concat(Fixtures.bytes(0, 0, 0, 0x18), "ftypisom\0\0\0\0isommp42".getBytes(StandardCharsets.ISO_8859_1));
            byte[] mov = Fixtures.concat(Fixtures.bytes(0, 0, 0, 0x14), "ftypqt  \0\0\0\0qt  ".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(judge(mp4)).isEqualTo("video/mp4");
            assertThat(judge(mov)).isEqualTo("video/quicktime");
        }
    }

    @Nested
    @DisplayName("refused types: 415 unsupported_type, nothing stored")
    class Refused {
        @Test
        @DisplayName("HTML, also named .pdf") void html() throws Exception {
            assertThat(judge("<!DOCTYPE html><html><body>x</body></html>".getBytes(StandardCharsets.US_ASCII))).isEqualTo("unsupported_type");
            assertThat(server.documentCount()).isZero();
        }
        @Test
        @DisplayName("SVG") void svg() throws Exception {
            assertThat(judge("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.US_ASCII))).isEqualTo("unsupported_type");
        }
        @Test
        @DisplayName("XML with script") void xml() throws Exception {
            assertThat(judge("<?xml version=\"1.0\"?><a><script>x</script></a>".getBytes(StandardCharsets.US_ASCII))).isEqualTo("unsupported_type");
        }
        @Test
        @DisplayName("executables: Windows PE, ELF, Mach-O") void executables() throws Exception {
            byte[] pe = new byte[512];
            pe[0] = 'M';
            pe[1] = 'Z';
            assertThat(judge(pe)).isEqualTo("unsupported_type");
            assertThat(judge(Fixtures.concat(Fixtures.bytes(0x7f, 'E', 'L', 'F', 2, 1, 1), new byte[64]))).isEqualTo("unsupported_type");
            assertThat(judge(Fixtures.concat(Fixtures.bytes(0xcf, 0xfa, 0xed, 0xfe), new byte[64]))).isEqualTo("unsupported_type");
        }
        @Test
        @DisplayName("scripts: shell, PHP, batch") void scripts() throws Exception {
            assertThat(judge("#!/bin/sh\nrm -rf ~\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo("unsupported_type");
            assertThat(judge("<?php echo 1; ?>".getBytes(StandardCharsets.US_ASCII))).isEqualTo("unsupported_type");
            assertThat(judge("@echo off\r\ndel *\r\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo("unsupported_type");
        }
        @Test
        @DisplayName("unrecognised binary") void unknown() throws Exception {
            assertThat(judge(Fixtures.bytes(1, 2, 3, 4, 5, 0, 0, 0, 9, 9))).isEqualTo("unsupported_type");
            assertThat(server.documentCount()).isZero();
        }
    }

    @Nested
    @DisplayName("T15 HEIC and DICOM declared as octet-stream")
    class T15 {
        @Test
        @DisplayName("HEIC (octet-stream and image/heic), DICOM without extension, DICOM as .dcm, PNG named .PNG, a PDF part without Content-Type: all 2xx, stored byte-identical")
        void accepted() throws Exception {
            RawHttp.Response r = server.upload(new Body()
                    .file("name=\"file\"; filename=\"IMG_0815.HEIC\"", "application/octet-stream", Fixtures.HEIC)
                    .file("name=\"file\"; filename=\"IMG_0815.HEIC\"", "image/heic", Fixtures.HEIC)
                    .file("name=\"file\"; filename=\"I_00001\"", "application/octet-stream", Fixtures.DICOM).end());
            assertThat(r.status()).isEqualTo(201);
            RawHttp.Response r2 = server.upload(new Body()
                    .file("name=\"file\"; filename=\"CT_0001.dcm\"", "application/dicom", Fixtures.DICOM)
                    .file("name=\"file\"; filename=\"Wunde.PNG\"", "application/octet-stream", Fixtures.PNG)
                    .file("name=\"file\"; filename=\"Laborwerte.pdf\"", null, Fixtures.PDF).end());
            assertThat(r2.status()).isEqualTo(201);
            try (var inbox = server.unlock()) {
                List<DocumentInfo> docs = inbox.documents();
                assertThat(docs).hasSize(6);
                DocumentInfo heic = docs.stream().filter(d -> d.name().equals("IMG_0815.HEIC")).findFirst().orElseThrow();
                assertThat(heic.type()).startsWith("image/hei");
                assertThat(inbox.open(heic.id()).readAllBytes()).isEqualTo(Fixtures.HEIC);
                assertThat(docs.stream().filter(d -> d.name().equals("I_00001")).findFirst().orElseThrow().type())
                        .isEqualTo("application/dicom");
            }
        }
    }

    @Nested
    @DisplayName("T18 bodies above 2 MiB")
    class T18 {
        @Test
        @DisplayName("1 MiB, 2 MiB + 1 and 10 MiB files are all stored and decrypt to the same bytes")
        void sizes() throws Exception {
            for (int n : new int[] {1_048_576, 2_097_153, 10_485_760}) {
                byte[] content = Fixtures.bigPdf(n, n);
                RawHttp.Response r = server.upload(new Body().file("s_" + n + ".pdf", content).end());
                assertThat(r.status()).as("size " + n).isEqualTo(201);
                String sha = JSON.readTree(r.body()).path("files").get(0).path("sha256").asText();
                assertThat(sha).isEqualTo(sha256(content));
                try (var inbox = server.unlock()) {
                    DocumentInfo d = inbox.documents().stream().filter(x -> x.sha256().equals(sha)).findFirst().orElseThrow();
                    assertThat(d.size()).isEqualTo(n);
                    assertThat(sha256(inbox.open(d.id()).readAllBytes())).isEqualTo(sha);
                }
            }
        }
    }

    @Nested
    @DisplayName("T23 aborted uploads")
    class T23 {
        @Test
        @DisplayName("a connection cut in the middle of a file leaves no document and no file with the plaintext marker; a complete upload leaves no plaintext either")
        void aborted() throws Exception {
            byte[] marker = "QA-MARKER-7f3a".getBytes(StandardCharsets.US_ASCII);
            byte[] content = Fixtures.concat("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), marker, Fixtures.bigPdf(2_000_000, 7));
            byte[] body = new Body().file("Abbruch.pdf", content).end().bytes();
            try (var s = new java.net.Socket("127.0.0.1", server.port())) {
                var out = s.getOutputStream();
                out.write(("POST " + server.uploadPath() + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + Body.TYPE
                        + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, body.length / 2);
                out.flush();
                Thread.sleep(300);
            }
            long deadline = System.currentTimeMillis() + 5000;
            while (System.currentTimeMillis() < deadline && !Files.list(dir.resolve("tmp")).toList().isEmpty()) {
                Thread.sleep(100);
            }
            assertThat(Files.list(dir.resolve("tmp")).toList()).isEmpty();
            assertThat(server.documentCount()).isZero();
            assertThat(server.upload(new Body().file("Komplett.pdf", content).end()).status()).isEqualTo(201);
            for (Path p : server.files()) {
                assertThat(indexOf(Files.readAllBytes(p), marker)).as(p.toString()).isNegative();
            }
            try (var t = Files.walk(Path.of(System.getProperty("java.io.tmpdir")), 1)) {
                assertThat(t.filter(p -> p.getFileName().toString().startsWith("undertow")).toList()).isEmpty();
            }
        }

        static int indexOf(byte[] data, byte[] needle) {
            outer:
            for (int i = 0; i <= data.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (data[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
