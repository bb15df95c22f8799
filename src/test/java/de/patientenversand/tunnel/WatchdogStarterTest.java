package de.patientenversand.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real watchdog with the fake cloudflared: stop, exit propagation, kill escalation. */
class WatchdogStarterTest {
    @TempDir
    static Path dir;
    static Path binary;

    @BeforeAll
    static void install() throws Exception {
        binary = FakeCloudflared.install(dir.resolve("bin"));
    }

    static final class Collector implements ChildStarter.Listener {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> exit = new CompletableFuture<>();

        @Override
        public void onLine(String line) {
            lines.add(line);
        }

        @Override
        public void onExit(int exitCode) {
            exit.complete(exitCode);
        }

        void awaitLine(String part) throws InterruptedException {
            long end = System.currentTimeMillis() + 10_000;
            while (lines.stream().noneMatch(l -> l.contains(part))) {
                assertThat(System.currentTimeMillis()).as("waiting for " + part).isLessThan(end);
                Thread.sleep(20);
            }
        }
    }

    ChildStarter.Child start(String mode, Collector c) throws Exception {
        List<String> cmd = List.of("/usr/bin/env", "FAKE_CF_MODE=" + mode, "FAKE_CF_CRASH_AFTER=1",
                binary.toString(), "tunnel", "--no-autoupdate", "--url", "http://127.0.0.1:1");
        return new WatchdogStarter(Duration.ofSeconds(1)).start(cmd, Map.of(), c);
    }

    @Test
    @DisplayName("stop terminates cloudflared and the watchdog, and no process is left (checked by pid)")
    void cleanStop() throws Exception {
        Collector c = new Collector();
        ChildStarter.Child child = start("success", c);
        c.awaitLine("Registered tunnel connection");
        long pid = child.pid();
        long watchdog = ProcessHandle.of(pid).flatMap(ProcessHandle::parent).orElseThrow().pid();
        assertThat(FakeCloudflared.alive(pid)).isTrue();
        child.stop(Duration.ofSeconds(5));
        assertThat(FakeCloudflared.gone(pid, 5000)).isTrue();
        assertThat(FakeCloudflared.gone(watchdog, 5000)).isTrue();
        assertThat(c.exit.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(c.lines).anyMatch(l -> l.contains("Initiating graceful shutdown due to signal terminated"));
    }

    @Test
    @DisplayName("a cloudflared that ignores TERM is killed after the grace period")
    void killAfterGrace() throws Exception {
        Collector c = new Collector();
        ChildStarter.Child child = start("ignore_term", c);
        c.awaitLine("Registered tunnel connection");
        long pid = child.pid();
        child.stop(Duration.ofSeconds(4));
        assertThat(FakeCloudflared.gone(pid, 6000)).isTrue();
        assertThat(c.exit.get(5, TimeUnit.SECONDS)).isNotZero();
    }

    @Test
    @DisplayName("when cloudflared crashes the watchdog exits too and passes on its exit code")
    void exitPropagates() throws Exception {
        Collector c = new Collector();
        ChildStarter.Child child = start("crash", c);
        assertThat(c.exit.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(FakeCloudflared.gone(child.pid(), 2000)).isTrue();
    }

    @Test
    @DisplayName("the direct start used on Windows also stops cloudflared cleanly (checked by pid)")
    void directStartStops() throws Exception {
        Collector c = new Collector();
        ChildStarter.Child child = WatchdogStarter.direct(Duration.ofSeconds(1)).start(
                List.of(binary.toString(), "tunnel", "--no-autoupdate", "--url", "http://127.0.0.1:1"), Map.of(), c);
        c.awaitLine("Registered tunnel connection");
        child.stop(Duration.ofSeconds(5));
        assertThat(FakeCloudflared.gone(child.pid(), 5000)).isTrue();
        assertThat(c.exit.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(c.lines).anyMatch(l -> l.contains("Initiating graceful shutdown due to signal terminated"));
    }

    @Test
    @DisplayName("the child's environment has no PATIENTENVERSAND_* and no inherited TUNNEL_* variables")
    void environmentCleaned() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("PATH", "/usr/bin", "PATIENTENVERSAND_PASSPHRASE", "x",
                "PATIENTENVERSAND_DATA_DIR", "/d", "TUNNEL_TOKEN", "old", "HOME", "/h"));
        ChildEnvironment.clean(env);
        assertThat(env).containsOnlyKeys("PATH", "HOME");
    }
}
