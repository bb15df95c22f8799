package de.patientenversand.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.settings.SettingsStore;
import de.patientenversand.vault.Database;
import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.VaultCreator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The activity log after a scripted run through the real serve process and the CLI")
class ActivityLogScriptedRunTest {
    private static final String PASSWORD = "ein langer Satz für das Aktivitätsprotokoll";
    private static final String LABEL = "Praxis Kanarienvogel";
    private static final String PATIENT = "Erika Kanarienname";
    private static final String SENDER = "Dr. Absender-Kanari";
    private static final String MESSAGE = "Nachricht-Kanari mit Befund";
    private static final String PDF_NAME = "Befund-Kanari.pdf";
    private static final String PNG_NAME = "Roentgen-Kanari.png";
    private static final String HTML_NAME = "Skript-Kanari.html";

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    private static byte[] multipart(String sender, String message, String fileName, byte[] content) {
        String head = "--XyZ\r\nContent-Disposition: form-data; name=\"sender\"\r\n\r\n" + sender + "\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\n" + message + "\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = "\r\n--XyZ--\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + content.length + t.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(content, 0, out, h.length, content.length);
        System.arraycopy(t, 0, out, h.length + content.length, t.length);
        return out;
    }

    private HttpResponse<String> post(String url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=XyZ")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(code).as(err.toString()).isZero();
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    @DisplayName("uploads, a refused file, 20 bad tokens, a revoke and an export are logged with ids and codes only")
    void scriptedRun() throws Exception {
        Path dir = tmp.resolve("data");
        new VaultCreator(new SecureRandom()).create(dir, PASSWORD.toCharArray(), new KdfParams(1024, 1, 1));
        var settings = new SettingsStore(dir);
        settings.save(settings.load().withPatientName(PATIENT));
        Path pwFile = tmp.resolve("pw.txt");
        Files.writeString(pwFile, PASSWORD + "\n");
        List<String> secrets = new ArrayList<>(List.of(LABEL, PATIENT, SENDER, MESSAGE, PDF_NAME, PNG_NAME, HTML_NAME,
                "Kanari", "127.0.0.1"));

        Process serve = ServeCliTest.java("serve", "--data-dir", dir.toString(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> documentIds = new ArrayList<>();
        try {
            BufferedReader events = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String base = events.readLine().substring("Listening on ".length());

            Process create = ServeCliTest.java("link", "create", "--data-dir", dir.toString(), "--label", LABEL).start();
            String url = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            create.getErrorStream().readAllBytes();
            assertThat(create.waitFor()).isZero();
            String token = url.substring(url.lastIndexOf('/') + 1);
            secrets.add(token);

            byte[] pdf = "%PDF-1.4\nKanari\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
            byte[] png = Base64.getDecoder().decode(
                    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
            assertThat(post(url + "/upload", multipart(SENDER, MESSAGE, PDF_NAME, pdf)).statusCode()).isEqualTo(201);
            assertThat(post(url + "/upload", multipart(SENDER, MESSAGE, PNG_NAME, png)).statusCode()).isEqualTo(201);
            byte[] html = "<!doctype html><script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII);
            assertThat(post(url + "/upload", multipart(SENDER, MESSAGE, HTML_NAME, html)).statusCode()).isEqualTo(415);
            for (int i = 0; i < 2; i++) {
                JsonNode e = new ObjectMapper().readTree(events.readLine());
                assertThat(e.path("type").asText()).isEqualTo("upload_received");
                documentIds.add(e.path("document").asText());
            }

            SecureRandom random = new SecureRandom();
            // someone at another address guesses (a blocked address gets 429 for every link)
            HttpClient guesser = HttpClient.newBuilder().localAddress(java.net.InetAddress.ofLiteral("127.0.0.2")).build();
            for (int i = 0; i < 20; i++) {
                byte[] b = new byte[32];
                random.nextBytes(b);
                String bad = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                secrets.add(bad);
                int status = guesser.send(HttpRequest.newBuilder(URI.create(base + "/u/" + bad)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                assertThat(status).isIn(404, 429);
            }

            String linkId;
            try (Database db = Database.open(dir.resolve("vault.db"))) {
                linkId = db.read(c -> {
                    try (var st = c.createStatement(); var rs = st.executeQuery("SELECT id FROM links")) {
                        rs.next();
                        return rs.getString(1);
                    }
                });
            }
            Process revoke = ServeCliTest.java("link", "revoke", "--data-dir", dir.toString(), linkId).start();
            revoke.getInputStream().readAllBytes();
            revoke.getErrorStream().readAllBytes();
            assertThat(revoke.waitFor()).isZero();
            assertThat(post(url + "/upload", multipart(SENDER, MESSAGE, PDF_NAME, pdf)).statusCode()).isEqualTo(410);

            run("inbox", "export", documentIds.get(0), "--out", tmp.resolve("export.pdf").toString(),
                    "--data-dir", dir.toString(), "--passphrase-file", pwFile.toString());
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }

        String json = run("log", "--since", "1d", "--json", "--data-dir", dir.toString())[0];
        JsonNode log = new ObjectMapper().readTree(json);
        List<JsonNode> entries = new ArrayList<>();
        log.forEach(entries::add);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.has("time")).isTrue();
            assertThat(e.has("kind")).isTrue();
            assertThat(e.path("detail").isObject()).isTrue();
        });
        assertThat(kinds(entries, "link_created")).hasSize(1);
        assertThat(kinds(entries, "upload_received")).extracting(e -> e.path("detail").path("document").asText())
                .containsExactlyInAnyOrderElementsOf(documentIds);
        assertThat(kinds(entries, "upload_refused")).extracting(e -> e.path("detail").path("code").asText())
                .containsExactlyInAnyOrder("unsupported_type", "link_revoked");
        assertThat(kinds(entries, "upload_refused")).filteredOn(e -> e.path("detail").path("code").asText().equals("link_revoked"))
                .allMatch(e -> e.path("unusual").asBoolean());
        List<JsonNode> failed = kinds(entries, "link_attempt_failed");
        assertThat(failed).hasSize(10);
        assertThat(failed).extracting(e -> e.path("detail").path("addressHash").asText()).allMatch(h -> h.matches("[0-9a-f]{32}"));
        assertThat(failed.getLast().path("detail").path("count").asInt()).isEqualTo(10);
        assertThat(failed.getLast().path("unusual").asBoolean()).isTrue();
        assertThat(failed.getFirst().path("unusual").asBoolean()).isFalse();
        assertThat(kinds(entries, "rate_limited")).hasSize(1).allMatch(e -> e.path("unusual").asBoolean());
        assertThat(kinds(entries, "link_revoked")).extracting(e -> e.path("detail").path("link").asText()).isNotEmpty();
        assertThat(kinds(entries, "unlock_succeeded")).isNotEmpty();
        assertThat(kinds(entries, "document_exported")).extracting(e -> e.path("detail").path("document").asText())
                .containsExactly(documentIds.get(0));

        String plain = run("log", "--since", "1d", "--data-dir", dir.toString())[0];
        assertThat(plain.lines().count()).isEqualTo(entries.size());
        String raw;
        try (Database db = Database.open(dir.resolve("vault.db"))) {
            raw = db.read(c -> {
                StringBuilder sb = new StringBuilder();
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT kind, detail FROM events")) {
                    while (rs.next()) {
                        sb.append(rs.getString(1)).append(' ').append(rs.getString(2)).append('\n');
                    }
                }
                return sb.toString();
            });
        }
        for (String secret : secrets) {
            assertThat(json).doesNotContain(secret);
            assertThat(plain).doesNotContain(secret);
            assertThat(raw).doesNotContain(secret);
        }
    }

    private static List<JsonNode> kinds(List<JsonNode> entries, String kind) {
        return entries.stream().filter(e -> e.path("kind").asText().equals(kind)).toList();
    }
}
