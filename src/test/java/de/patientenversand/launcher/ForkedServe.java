package de.patientenversand.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code serve} in a forked JVM, as a self-hoster runs it, with a fake {@code cloudflared} first
 * on its PATH; its stdout lines (plain lines and JSON events) are queued for the test.
 */
public final class ForkedServe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ForkedServe() {
    }

    /**
     * The command line of this jar's {@code Main} with {@code args}, in a clean environment
     * (no PATIENTENVERSAND_ or FAKE_CF_ variables) whose PATH starts with {@code fakeBin}.
     */
    public static ProcessBuilder java(Path fakeBin, Path pidFile, Path argsFile, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "de.patientenversand.launcher.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("PATIENTENVERSAND_") || k.startsWith("FAKE_CF_"));
        pb.environment().put("PATH", fakeBin + ":" + System.getenv("PATH"));
        pb.environment().put("FAKE_CF_PIDFILE", pidFile.toString());
        pb.environment().put("FAKE_CF_ARGSFILE", argsFile.toString());
        return pb;
    }

    /** A serve process whose stdout lines are queued. */
    public record Serve(Process process, BlockingQueue<String> lines, List<String> seen) {
        public String await(Predicate<String> what, String description) throws InterruptedException {
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

        /** The local address from {@code Listening on …} (after it was awaited). */
        public String local() {
            return seen.stream().filter(l -> l.startsWith("Listening on ")).findFirst().orElseThrow()
                    .substring("Listening on ".length());
        }
    }

    public static Serve start(ProcessBuilder pb, Path stderr) throws IOException {
        Process p = pb.redirectError(stderr.toFile()).start();
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                .lines().forEach(q::add));
        t.setDaemon(true);
        t.start();
        return new Serve(p, q, new ArrayList<>());
    }

    public static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    public static Predicate<String> tunnelEvent(String state) {
        return l -> l.startsWith("{") && json(l).path("type").asText().equals("tunnel_status_changed")
                && json(l).path("state").asText().equals(state);
    }

    /** Waits up to {@code millis} for the process to be gone. */
    public static boolean gone(long pid, long millis) throws InterruptedException {
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
}
