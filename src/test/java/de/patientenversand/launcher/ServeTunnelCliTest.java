package de.patientenversand.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.settings.Settings;
import de.patientenversand.settings.SettingsStore;
import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.VaultCreator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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
        Files.createDirectories(fakeBin);
        Path script = Path.of(getClass().getResource("/tunnel/fake-cloudflared.sh").toURI());
        Path wrapper = fakeBin.resolve("cloudflared");
        Files.writeString(wrapper, "#!/bin/sh\nexec bash '" + script + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        pidFile = dir.resolve("cf.pids");
    }

    ProcessBuilder java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "de.patientenversand.launcher.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("PATIENTENVERSAND_") || k.startsWith("FAKE_CF_"));
        pb.environment().put("PATH", fakeBin + ":" + System.getenv("PATH"));
        pb.environment().put("FAKE_CF_PIDFILE", pidFile.toString());
        pb.environment().put("FAKE_CF_ARGSFILE", dir.resolve("cf.args").toString());
        return pb;
    }

    /** A serve process whose stdout lines are queued. */
    record Serve(Process process, BlockingQueue<String> lines, List<String> seen) {
        String await(Predicate<String> what, String description) throws InterruptedException {
            long end = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < end) {
                String l = lines.poll(200, TimeUnit.MILLISECONDS);
                if (l != null) {
                    seen.add(l);
                    if (what.test(l)) {
                        return l;
                    }
                }
            }
            throw new AssertionError("no line " + description + " in " + seen);
        }
    }

    Serve serve(String mode, Path stderr) throws IOException {
        Process p = java("serve", "--data-dir", data.toString(), "--port", "0", "--tunnel", mode)
                .redirectError(stderr.toFile()).start();
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                .lines().forEach(q::add));
        t.setDaemon(true);
        t.start();
        return new Serve(p, q, new ArrayList<>());
    }

    List<Long> cloudflaredPids() throws IOException {
        return Files.exists(pidFile) ? Files.readAllLines(pidFile).stream().map(String::trim).map(Long::parseLong).toList() : List.of();
    }

    static boolean gone(long pid, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                Thread.sleep(50);
            } else {
                return true;
            }
        }
        return false;
    }

    static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    static Predicate<String> tunnelEvent(String state) {
        return l -> l.startsWith("{") && json(l).path("type").asText().equals("tunnel_status_changed")
                && json(l).path("state").asText().equals(state);
    }

    String linkCreate() throws Exception {
        Process create = java("link", "create", "--data-dir", data.toString(), "--label", "Praxis Dr. Muster").start();
        String stdout = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        create.getErrorStream().readAllBytes();
        assertThat(create.waitFor()).isZero();
        return stdout.strip();
    }

    @Test
    @DisplayName("quick: Public URL after registering (server.json first), links on it, a killed cloudflared comes back with a new URL, nothing left after exit")
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

    static String local(Serve serve) {
        return serve.seen().stream().filter(l -> l.startsWith("Listening on ")).findFirst().orElseThrow()
                .substring("Listening on ".length());
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
        Process p = pb.redirectError(err.toFile()).start();
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).lines().forEach(q::add));
        t.setDaemon(true);
        t.start();
        Serve serve = new Serve(p, q, new ArrayList<>());
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
