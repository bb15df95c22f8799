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

    record Run(int code, String out, String err) {
    }

    /** Runs a command in this JVM (a forked JVM per command is slow on a busy machine). */
    static Run run(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
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

            Run create = run("link", "create", "--data-dir", dir.toString(), "--label", "Praxis Dr. Muster");
            String stdout = create.out();
            String stderr = create.err();
            assertThat(create.code()).isZero();
            assertThat(stdout.lines().toList()).hasSize(1);
            String url = stdout.strip();
            assertThat(url).matches(java.util.regex.Pattern.quote(base) + "/u/[A-Za-z0-9_-]{43}");
            assertThat(stderr).containsPattern("[A-Z2-9]{6}");

            byte[] pdf = "%PDF-1.4\nCLI flow\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
            byte[] body = ("--XyZ\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nBitte bis Freitag ansehen\r\n"
                    + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Befund.pdf\"\r\n\r\n"
                    + new String(pdf, StandardCharsets.ISO_8859_1) + "\r\n--XyZ--\r\n").getBytes(StandardCharsets.ISO_8859_1);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/upload"))
                    .header("Content-Type", "multipart/form-data; boundary=XyZ")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode event = new ObjectMapper().readTree(out.readLine());
            assertThat(event.path("type").asText()).isEqualTo("upload_received");
            assertThat(event.path("size").asLong()).isEqualTo(pdf.length);
            assertThat(event.toString()).doesNotContain("Befund").doesNotContain("Freitag");

            Path pass = dir.resolveSibling(dir.getFileName() + ".pass");
            Files.writeString(pass, "pw pw pw pw\n");
            Run list = run("link", "list", "--data-dir", dir.toString(), "--json", "--passphrase-file", pass.toString());
            assertThat(list.code()).as(list.err()).isZero();
            JsonNode links = new ObjectMapper().readTree(list.out());
            assertThat(links).hasSize(1);
            assertThat(links.get(0).path("label").asText()).isEqualTo("Praxis Dr. Muster");
            assertThat(links.get(0).path("url").asText()).isEqualTo(url);
            assertThat(links.get(0).path("revoked").asBoolean()).isFalse();

            Run docs = run("inbox", "list", "--data-dir", dir.toString(), "--json", "--passphrase-file", pass.toString());
            assertThat(docs.code()).as(docs.err()).isZero();
            JsonNode inbox = new ObjectMapper().readTree(docs.out());
            assertThat(inbox.get(0).path("name").asText()).isEqualTo("Befund.pdf");
            assertThat(inbox.get(0).path("message").asText()).isEqualTo("Bitte bis Freitag ansehen");
            Path exported = dir.resolveSibling(dir.getFileName() + "-export.pdf");
            Run export = run("inbox", "export", "--data-dir", dir.toString(), inbox.get(0).path("id").asText(),
                    "--out", exported.toString(), "--passphrase-file", pass.toString());
            assertThat(export.code()).as(export.err()).isZero();
            assertThat(Files.readAllBytes(exported)).isEqualTo(pdf);
            Files.delete(exported);

            assertThat(run("link", "revoke", "--data-dir", dir.toString(), links.get(0).path("id").asText()).code()).isZero();
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
        Run create = run("link", "create", "--data-dir", dir.toString(), "--label", "Praxis B");
        String stdout = create.out();
        String stderr = create.err();
        assertThat(create.code()).isZero();
        assertThat(stdout.strip()).startsWith("http://127.0.0.1:");
        assertThat(stderr).containsAnyOf("läuft gerade nicht", "not running");
    }

    @Test
    @DisplayName("serve --exit-with-stdin stops cleanly when the parent closes the pipe; a second serve gets a clear message")
    void exitsWithStdin() throws Exception {
        new VaultCreator(new SecureRandom()).create(dir, "pw pw pw pw".toCharArray(), new KdfParams(1024, 1, 1));
        Process serve = java("serve", "--data-dir", dir.toString(), "--port", "0", "--exit-with-stdin")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).startsWith("Listening on ");
        Process second = java("serve", "--data-dir", dir.toString(), "--port", "0").start();
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(1);
        assertThat(new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("Exception").isNotBlank();
        serve.getOutputStream().close();
        assertThat(serve.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(dir.resolve("server.json")).doesNotExist();
    }
}
