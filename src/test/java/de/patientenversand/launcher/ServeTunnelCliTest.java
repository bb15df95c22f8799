package de.patientenversand.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.launcher.ForkedServe.Serve;
import de.patientenversand.settings.Settings;
import de.patientenversand.settings.SettingsStore;
import de.patientenversand.tunnel.FakeCloudflared;
import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.VaultCreator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve --tunnel with the fake cloudflared on PATH, in a forked JVM, as a self-hoster runs it. */
@DisplayName("serve with a tunnel, through the command line")
class ServeTunnelCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "eyJhIjoiY2xpLWNhbmFyeS1hY2NvdW50IiwidCI6ImNsaS1jYW5hcnkiLCJzIjoiY2xpLXMzY3IzdCJ9";
    @TempDir
    Path dir;
    Path data;
    Path fakeBin;
    Path pidFile;

    @BeforeEach
    void setUp() throws Exception {
        data = dir.resolve("data");
        new VaultCreator(new SecureRandom()).create(data, "pw pw pw pw".toCharArray(), new KdfParams(1024, 1, 1));
        fakeBin = dir.resolve("fakebin");
        FakeCloudflared.install(fakeBin);
        pidFile = dir.resolve("cf.pids");
    }

    ProcessBuilder java(String... args) {
        return ForkedServe.java(fakeBin, pidFile, dir.resolve("cf.args"), args);
    }

    Serve serve(String mode, Path stderr) throws IOException {
        return serve(java("serve", "--data-dir", data.toString(), "--port", "0", "--tunnel", mode), stderr);
    }

    static Serve serve(ProcessBuilder pb, Path stderr) throws IOException {
        return ForkedServe.start(pb, stderr);
    }

    List<Long> cloudflaredPids() throws IOException {
        return Files.exists(pidFile) ? Files.readAllLines(pidFile).stream().map(String::trim).map(Long::parseLong).toList() : List.of();
    }

    static boolean gone(long pid, long millis) throws InterruptedException {
        return ForkedServe.gone(pid, millis);
    }

    static JsonNode json(String line) {
        return ForkedServe.json(line);
    }

    static Predicate<String> tunnelEvent(String state) {
        return ForkedServe.tunnelEvent(state);
    }

    String linkCreate() throws Exception {
        Process create = java("link", "create", "--data-dir", data.toString(), "--label", "Praxis Dr. Muster").start();
        String stdout = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        create.getErrorStream().readAllBytes();
        assertThat(create.waitFor()).isZero();
        return stdout.strip();
    }

    @Test
    @DisplayName("T22 quick: Public URL after registering (server.json first), links on it, a killed cloudflared comes back with a new URL, nothing left after exit")
    void quickTunnel() throws Exception {
        Serve serve = serve("quick", dir.resolve("serve.err"));
        try {
            assertThat(serve.await(l -> l.startsWith("Listening on "), "Listening")).startsWith("Listening on http://127.0.0.1:");
            String first = serve.await(l -> l.startsWith("Public URL: "), "Public URL").substring("Public URL: ".length());
            assertThat(first).matches("https://[a-z]+(-[a-z]+){3}\\.trycloudflare\\.com");
            assertThat(JSON.readTree(data.resolve("server.json").toFile()).path("publicUrl").asText()).isEqualTo(first);
            assertThat(serve.seen()).anyMatch(tunnelEvent("starting"));
            String online = serve.await(tunnelEvent("online"), "online event");
            assertThat(json(online).path("publicUrl").asText()).isEqualTo(first);

            assertThat(linkCreate()).matches(java.util.regex.Pattern.quote(first) + "/u/[A-Za-z0-9_-]{43}");
            checkTrustRule(local(serve));

            long cf = cloudflaredPids().getLast();
            ProcessHandle.of(cf).orElseThrow().destroyForcibly();
            String reconnecting = serve.await(tunnelEvent("reconnecting"), "reconnecting event");
            assertThat(json(reconnecting).path("reason").asText()).isEqualTo("crashed");
            String second = serve.await(l -> l.startsWith("Public URL: "), "second Public URL").substring("Public URL: ".length());
            assertThat(second).isNotEqualTo(first).endsWith(".trycloudflare.com");
            String back = serve.await(tunnelEvent("online"), "online again");
            assertThat(json(back).path("urlChanged").asBoolean()).isTrue();
            assertThat(JSON.readTree(data.resolve("server.json").toFile()).path("publicUrl").asText()).isEqualTo(second);
        } finally {
            serve.process().destroy();
            assertThat(serve.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(cloudflaredPids()).hasSizeGreaterThanOrEqualTo(2);
        for (long pid : cloudflaredPids()) {
            assertThat(gone(pid, 5000)).as("cloudflared %d gone after serve stopped", pid).isTrue();
        }
    }

    @Test
    @DisplayName("T22 a restart of serve gets a new quick address: link create prints links on it, and an earlier link's token opens the page there")
    void t22RestartGivesANewAddress() throws Exception {
        String first;
        String earlierLink;
        Serve one = serve("quick", dir.resolve("one.err"));
        try {
            one.await(l -> l.startsWith("Listening on "), "Listening");
            first = one.await(l -> l.startsWith("Public URL: "), "Public URL").substring("Public URL: ".length());
            earlierLink = linkCreate();
            assertThat(earlierLink).startsWith(first + "/u/");
        } finally {
            one.process().destroy();
            assertThat(one.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        Serve two = serve("quick", dir.resolve("two.err"));
        try {
            two.await(l -> l.startsWith("Listening on "), "Listening");
            String second = two.await(l -> l.startsWith("Public URL: "), "Public URL after restart")
                    .substring("Public URL: ".length());
            assertThat(second).isNotEqualTo(first).endsWith(".trycloudflare.com");
            assertThat(linkCreate()).startsWith(second + "/u/");
            String token = earlierLink.substring(earlierLink.lastIndexOf('/') + 1);
            var page = (java.net.HttpURLConnection) java.net.URI.create(local(two) + "/u/" + token).toURL().openConnection();
            assertThat(page.getResponseCode()).as("the token stays valid; only the address changed").isEqualTo(200);
        } finally {
            two.process().destroy();
            assertThat(two.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    static String local(Serve serve) {
        return serve.local();
    }

    /** cloudflared is pointed at a listener of its own, where CF-Connecting-IP counts; on the normal one it does not. */
    void checkTrustRule(String local) throws Exception {
        String args = Files.readAllLines(dir.resolve("cf.args")).getLast();
        var m = java.util.regex.Pattern.compile("--url (http://127\\.0\\.0\\.1:\\d+)").matcher(args);
        assertThat(m.find()).as(args).isTrue();
        String tunnelListener = m.group(1);
        assertThat(tunnelListener).isNotEqualTo(local);
        String unknown = "/u/" + "A".repeat(43);
        var http = java.net.http.HttpClient.newHttpClient();
        java.util.function.BiFunction<String, String, Integer> get = (base, ip) -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + unknown))
                        .header("CF-Connecting-IP", ip).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        int guesses = 0;
        while (get.apply(tunnelListener, "203.0.113.7") == 404) {
            assertThat(++guesses).as("guesses before 429").isLessThan(50);
        }
        assertThat(get.apply(tunnelListener, "203.0.113.7")).isEqualTo(429);
        assertThat(get.apply(tunnelListener, "198.51.100.9")).as("another practice is not blocked").isEqualTo(404);
        assertThat(get.apply(local, "203.0.113.7")).as("the header means nothing on the normal listener").isEqualTo(404);
    }

    @Test
    @DisplayName("kill -9 of serve leaves no cloudflared running")
    void killNine() throws Exception {
        Serve serve = serve("quick", dir.resolve("serve.err"));
        serve.await(l -> l.startsWith("Public URL: "), "Public URL");
        long cf = cloudflaredPids().getLast();
        serve.process().destroyForcibly();
        serve.process().waitFor();
        assertThat(gone(cf, 8000)).as("cloudflared gone after kill -9 of serve").isTrue();
    }

    @Test
    @DisplayName("without cloudflared serve keeps serving locally and says so in one plain line")
    void missingCloudflared() throws Exception {
        Files.delete(fakeBin.resolve("cloudflared"));
        Path err = dir.resolve("serve.err");
        ProcessBuilder pb = java("serve", "--data-dir", data.toString(), "--port", "0", "--tunnel", "quick");
        pb.environment().put("PATH", fakeBin + ":/usr/bin:/bin");
        Serve serve = serve(pb, err);
        Process p = serve.process();
        try {
            String local = serve.await(l -> l.startsWith("Listening on "), "Listening").substring("Listening on ".length());
            String failed = serve.await(tunnelEvent("failed"), "failed event");
            assertThat(json(failed).path("reason").asText()).isEqualTo("cloudflared_missing");
            long end = System.currentTimeMillis() + 5000;
            while (Files.readString(err).isBlank() && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            List<String> errLines = Files.readAllLines(err);
            assertThat(errLines).hasSize(1);
            assertThat(errLines.get(0)).containsAnyOf("cloudflared fehlt", "cloudflared is missing");
            var health = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(local + "/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("still serving locally").isEqualTo(200);
            assertThat(JSON.readTree(data.resolve("server.json").toFile()).path("publicUrl").isNull()).isTrue();
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    @DisplayName("named: the token is in no process listing and no output; the fixed address is announced")
    void namedTokenNeverShown() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        new SettingsStore(data).save(Settings.defaults().withTunnelMode("named").withNamedTunnel(TOKEN, port));
        Path err = dir.resolve("serve.err");
        Serve serve = serve("named", err);
        try {
            String url = serve.await(l -> l.startsWith("Public URL: "), "Public URL").substring("Public URL: ".length());
            assertThat(url).isEqualTo("https://upload.example.org");
            long cf = cloudflaredPids().getLast();
            long watchdog = ProcessHandle.of(cf).flatMap(ProcessHandle::parent).orElseThrow().pid();
            for (long pid : List.of(cf, watchdog, serve.process().pid())) {
                String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
                assertThat(cmdline).as("cmdline of %d", pid).doesNotContain(TOKEN);
            }
            assertThat(Files.readString(Path.of("/proc/" + cf + "/cmdline")).replace('\0', ' ')).contains("tunnel --no-autoupdate run");
            for (ProcessHandle h : ProcessHandle.allProcesses().toList()) {
                h.info().commandLine().ifPresent(c -> assertThat(c).doesNotContain(TOKEN));
            }
            try (ServerSocket s = new ServerSocket(port)) {
                throw new AssertionError("the fixed tunnel port " + port + " should be taken by serve");
            } catch (IOException expected) {
                // serve listens on the fixed port
            }
        } finally {
            serve.process().destroy();
            assertThat(serve.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        serve.lines().drainTo(serve.seen());
        assertThat(serve.seen()).isNotEmpty().noneMatch(l -> l.contains(TOKEN));
        assertThat(Files.readString(err)).doesNotContain(TOKEN);
        assertThat(Files.readString(data.resolve("settings.json"))).contains(TOKEN);
    }
}
