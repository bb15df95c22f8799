package de.patientenversand.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.vault.Database;
import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.VaultCreator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("serve + link create + a multipart upload, all through the command line")
class ServeCliTest {
    @TempDir
    Path dir;

    static ProcessBuilder java(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.add("-Xmx128m");
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty() && rest.get(0).startsWith("-D")) {
            cmd.add(rest.remove(0));
        }
        args = rest.toArray(String[]::new);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("de.patientenversand.launcher.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("PATIENTENVERSAND_"));
        return pb;
    }

    @Test
    @DisplayName("serve writes server.json before Listening, link create prints the link alone, an upload is stored and reported as a JSON line, SIGTERM removes server.json")
    void fullFlow() throws Exception {
        new VaultCreator(new SecureRandom()).create(dir, "pw pw pw pw".toCharArray(), new KdfParams(1024, 1, 1));
        Process serve = java("serve", "--data-dir", dir.toString(), "--port", "0").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String listening = out.readLine();
            assertThat(listening).startsWith("Listening on http://127.0.0.1:");
            assertThat(dir.resolve("server.json")).exists();
            JsonNode info = new ObjectMapper().readTree(dir.resolve("server.json").toFile());
            assertThat(info.path("version").asInt()).isEqualTo(1);
            assertThat(info.path("pid").asLong()).isEqualTo(serve.pid());
            String base = listening.substring("Listening on ".length());

            Process create = java("link", "create", "--data-dir", dir.toString(), "--label", "Praxis Dr. Muster").start();
            String stdout = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(create.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(create.waitFor()).isZero();
            assertThat(stdout.lines().toList()).hasSize(1);
            String url = stdout.strip();
            assertThat(url).matches(java.util.regex.Pattern.quote(base) + "/u/[A-Za-z0-9_-]{43}");
            assertThat(stderr).containsPattern("[A-Z2-9]{6}");

            byte[] pdf = "%PDF-1.4\nCLI flow\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
            byte[] body = ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Befund.pdf\"\r\n\r\n"
                    + new String(pdf, StandardCharsets.ISO_8859_1) + "\r\n--XyZ--\r\n").getBytes(StandardCharsets.ISO_8859_1);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/upload"))
                    .header("Content-Type", "multipart/form-data; boundary=XyZ")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode event = new ObjectMapper().readTree(out.readLine());
            assertThat(event.path("type").asText()).isEqualTo("upload_received");
            assertThat(event.path("size").asLong()).isEqualTo(pdf.length);
            assertThat(event.toString()).doesNotContain("Befund");

            Path pass = dir.resolveSibling(dir.getFileName() + ".pass");
            Files.writeString(pass, "pw pw pw pw\n");
            Process list = java("-Dpv.test.cheapKdf=true", "link", "list", "--data-dir", dir.toString(), "--json",
                    "--passphrase-file", pass.toString()).start();
            JsonNode links = new ObjectMapper().readTree(list.getInputStream().readAllBytes());
            assertThat(list.waitFor()).isZero();
            assertThat(links).hasSize(1);
            assertThat(links.get(0).path("label").asText()).isEqualTo("Praxis Dr. Muster");
            assertThat(links.get(0).path("url").asText()).isEqualTo(url);
            assertThat(links.get(0).path("revoked").asBoolean()).isFalse();

            Process docs = java("--data-dir", dir.toString(), "inbox", "list", "--json", "--passphrase-file", pass.toString()).start();
            JsonNode inbox = new ObjectMapper().readTree(docs.getInputStream().readAllBytes());
            assertThat(docs.waitFor()).isZero();
            assertThat(inbox.get(0).path("name").asText()).isEqualTo("Befund.pdf");
            Path exported = dir.resolveSibling(dir.getFileName() + "-export.pdf");
            Process export = java("--data-dir", dir.toString(), "inbox", "export", inbox.get(0).path("id").asText(),
                    "--out", exported.toString(), "--passphrase-file", pass.toString()).start();
            assertThat(export.waitFor()).isZero();
            assertThat(Files.readAllBytes(exported)).isEqualTo(pdf);
            Files.delete(exported);

            Process revoke = java("link", "revoke", "--data-dir", dir.toString(), links.get(0).path("id").asText()).start();
            assertThat(revoke.waitFor()).isZero();
            HttpResponse<String> gone = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/upload"))
                    .header("Content-Type", "multipart/form-data; boundary=XyZ")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(gone.statusCode()).isEqualTo(410);
            assertThat(gone.body()).contains("link_revoked");
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(dir.resolve("server.json")).doesNotExist();
        try (Database db = Database.open(dir.resolve("vault.db"))) {
            int docs = db.read(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM documents")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(docs).isEqualTo(1);
        }
        Process create = java("link", "create", "--data-dir", dir.toString(), "--label", "Praxis B").start();
        String stdout = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(create.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(create.waitFor()).isZero();
        assertThat(stdout.strip()).startsWith("http://127.0.0.1:");
        assertThat(stderr).containsAnyOf("läuft gerade nicht", "not running");
    }
}
