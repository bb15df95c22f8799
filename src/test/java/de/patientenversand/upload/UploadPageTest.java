package de.patientenversand.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("GET /u/{token}: the upload page as the server sends it")
class UploadPageTest {
    @TempDir
    Path dir;
    PracticeServer server;

    @BeforeEach
    void start() throws Exception {
        server = new PracticeServer(dir, PracticeServer.limits(), Duration.ofHours(4));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("T05: the page declares UTF-8 in the header and in a meta tag, and is German by default")
    void t05DeclaresUtf8() throws Exception {
        RawHttp.Response r = RawHttp.get(server.port(), server.linkPath());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualToIgnoringCase("text/html; charset=utf-8");
        assertThat(r.body()).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">")
                .contains("<html lang=\"de\">").contains("accept-charset=\"utf-8\"");
        assertThat(r.body()).contains("Dokumente an Erika Mustermann", "Praxis Dr. Muster", "Prüfcode",
                server.links.checkCode(server.link.token()), "Dateien auswählen", "Absender (Praxis / Name)");
    }

    @Test
    @DisplayName("English by ?lang=en or by Accept-Language; German wins when the browser prefers it")
    void languages() throws Exception {
        assertThat(RawHttp.get(server.port(), server.linkPath() + "?lang=en").body())
                .contains("<html lang=\"en\">", "Documents for Erika Mustermann", "Check code");
        assertThat(RawHttp.get(server.port(), server.linkPath(), "Accept-Language: en-GB,en;q=0.9").body())
                .contains("<html lang=\"en\">");
        assertThat(RawHttp.get(server.port(), server.linkPath(), "Accept-Language: de-DE,en;q=0.5").body())
                .contains("<html lang=\"de\">");
    }

    @Test
    @DisplayName("no inline script or style: scripts come from /assets/, the only inline block is JSON data; CSP default-src 'self'")
    void noInlineScript() throws Exception {
        RawHttp.Response r = RawHttp.get(server.port(), server.linkPath());
        assertThat(r.header("Content-Security-Policy")).contains("default-src 'self'");
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(r.body());
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).matches(".*(src=\"/assets/upload\\.js\"|type=\"application/json\").*");
        }
        assertThat(count).isEqualTo(2);
        assertThat(r.body()).doesNotContain("<style", "style=\"", "onclick", "http://", "https://");
    }

    @Test
    @DisplayName("without script the plain form posts multipart to this link's upload endpoint")
    void plainFormFallback() throws Exception {
        String body = RawHttp.get(server.port(), server.linkPath()).body();
        assertThat(body).contains("method=\"post\"", "enctype=\"multipart/form-data\"",
                "action=\"" + server.link.token() + "/upload\"", "type=\"file\" name=\"file\" multiple",
                "name=\"sender\"", "name=\"message\"");
        // relative to /u/TOKEN/ the action must not repeat the token
        assertThat(RawHttp.get(server.port(), server.linkPath() + "/").body()).contains("action=\"upload\"");
    }

    @Test
    @DisplayName("a label with markup is shown as text, and the texts for the script cannot close their data block")
    void labelEscaped() throws Exception {
        var evil = server.links.create("<script>alert(1)</script> Praxis", Duration.ofDays(1), null, "Erika </script>");
        String body = RawHttp.get(server.port(), "/u/" + evil.token()).body();
        assertThat(body).contains("&lt;script&gt;alert(1)&lt;/script&gt; Praxis", "Erika &lt;/script&gt;")
                .doesNotContain("<script>alert(1)");
    }

    @Test
    @DisplayName("the bundled script and style sheet are served from /assets/ with their types")
    void assets() throws Exception {
        RawHttp.Response js = RawHttp.get(server.port(), "/assets/upload.js");
        org.junit.jupiter.api.Assumptions.assumeTrue(js.status() == 200,
                "the page bundle is missing: build without -DskipWeb=true (npm run bundle)");
        assertThat(js.header("Content-Type")).contains("javascript");
        assertThat(js.body()).doesNotContain("localStorage", "sessionStorage", "document.cookie");
        assertThat(RawHttp.get(server.port(), "/assets/upload.css").header("Content-Type")).contains("text/css");
    }
}
