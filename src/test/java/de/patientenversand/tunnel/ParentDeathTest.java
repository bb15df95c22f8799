package de.patientenversand.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A forked JVM supervises the fake cloudflared; killing that JVM with -9 must take cloudflared along. */
class ParentDeathTest {
    static final String TOKEN = "eyJhIjoiY2FuYXJ5LWFjY291bnQiLCJ0IjoiY2FuYXJ5LXR1bm5lbCIsInMiOiJzM2NyM3QifQ";
    @TempDir
    static Path dir;
    static Path binary;

    @BeforeAll
    static void install() throws Exception {
        binary = FakeCloudflared.install(dir.resolve("bin"));
    }

    record Fork(Process process, List<String> output, long childPid) { }

    static Fork fork(String mode) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ForkedSupervisor.class.getName(), mode, binary.toString()).redirectErrorStream(true);
        pb.environment().put("FORK_TOKEN", TOKEN);
        pb.environment().put("PATIENTENVERSAND_PASSPHRASE", "canary-passphrase");
        Process p = pb.start();
        List<String> output = new CopyOnWriteArrayList<>();
        long[] pid = {-1};
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Thread t = new Thread(() -> r.lines().forEach(l -> {
            output.add(l);
            if (l.startsWith("ONLINE ")) {
                synchronized (pid) {
                    pid[0] = Long.parseLong(l.substring(7).trim());
                    pid.notifyAll();
                }
            }
        }));
        t.setDaemon(true);
        t.start();
        synchronized (pid) {
            long end = System.currentTimeMillis() + 30_000;
            while (pid[0] < 0 && System.currentTimeMillis() < end) {
                pid.wait(200);
            }
        }
        assertThat(pid[0]).as("fork went online; output: %s", output).isPositive();
        return new Fork(p, output, pid[0]);
    }

    @Test
    @DisplayName("kill -9 of the supervising JVM leaves no cloudflared running (checked by pid)")
    void killNineTakesChildAlong() throws Exception {
        Fork fork = fork("quick");
        long watchdog = ProcessHandle.of(fork.childPid()).flatMap(ProcessHandle::parent).orElseThrow().pid();
        assertThat(FakeCloudflared.alive(fork.childPid())).isTrue();
        fork.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
        fork.process().waitFor();
        assertThat(FakeCloudflared.gone(fork.childPid(), 8000)).as("cloudflared gone").isTrue();
        assertThat(FakeCloudflared.gone(watchdog, 8000)).as("watchdog gone").isTrue();
    }

    @Test
    @DisplayName("the named-tunnel token is in no process listing and no output line, and PATIENTENVERSAND_* is not passed on")
    void tokenNeverListed() throws Exception {
        Fork fork = fork("named");
        try {
            long cf = fork.childPid();
            long watchdog = ProcessHandle.of(cf).flatMap(ProcessHandle::parent).orElseThrow().pid();
            String cfCmdline = Files.readString(Path.of("/proc/" + cf + "/cmdline")).replace('\0', ' ');
            String wdCmdline = Files.readString(Path.of("/proc/" + watchdog + "/cmdline")).replace('\0', ' ');
            String jvmCmdline = Files.readString(Path.of("/proc/" + fork.process().pid() + "/cmdline")).replace('\0', ' ');
            assertThat(cfCmdline).contains("tunnel --no-autoupdate run").doesNotContain(TOKEN);
            assertThat(wdCmdline).contains("pv-watchdog").doesNotContain(TOKEN);
            assertThat(jvmCmdline).doesNotContain(TOKEN);
            String environ = Files.readString(Path.of("/proc/" + cf + "/environ"));
            assertThat(environ).contains("TUNNEL_TOKEN=" + TOKEN).doesNotContain("PATIENTENVERSAND_").doesNotContain("canary-passphrase");
            for (ProcessHandle h : ProcessHandle.allProcesses().toList()) {
                h.info().commandLine().ifPresent(cmd -> assertThat(cmd).doesNotContain(TOKEN));
            }
            assertThat(fork.output()).isNotEmpty().noneMatch(l -> l.contains(TOKEN));
        } finally {
            fork.process().destroyForcibly().waitFor();
            assertThat(FakeCloudflared.gone(fork.childPid(), 8000)).isTrue();
        }
    }
}
