package de.patientenversand.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long-running child of the bench (a server, the app under Xvfb): its output lines are read
 * on background threads so a chatty child never blocks, and the bench can wait for one line.
 * Linux only: CPU time and resident memory come from {@code /proc}.
 */
final class Proc implements AutoCloseable {
    private static final long TICKS_PER_SECOND = 100; // CLK_TCK on Linux x86-64
    private final Process process;
    private final long startedNanos;
    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();

    record Line(String text, long nanos) {
    }

    private Proc(Process process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
        pump(process.getInputStream());
        pump(process.getErrorStream());
    }

    static Proc start(List<String> command, Map<String, String> env, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PATIENTENVERSAND_"));
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        long t0 = System.nanoTime();
        return new Proc(pb.start(), t0);
    }

    private void pump(InputStream in) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String s; (s = r.readLine()) != null; ) {
                    lines.add(new Line(s, System.nanoTime()));
                }
            } catch (IOException e) {
                // the child ended
            }
        }, "bench-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Waits for the first line (stdout or stderr) that matches; fails after the timeout. */
    Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        StringBuilder seen = new StringBuilder();
        while (true) {
            long left = deadline - System.nanoTime();
            Line line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new IllegalStateException("no line matching " + pattern + " within " + timeout
                        + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")") + "; saw:\n" + tail(seen));
            }
            Matcher m = pattern.matcher(line.text());
            if (m.find()) {
                lastMatchNanos = line.nanos();
                return m;
            }
            if (seen.length() < 20_000) {
                seen.append(line.text()).append('\n');
            }
        }
    }

    private long lastMatchNanos;

    /** Milliseconds from spawning the process to reading the line last matched by {@link #await}. */
    double millisToLastMatch() {
        return (lastMatchNanos - startedNanos) / 1e6;
    }

    private static String tail(StringBuilder s) {
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s.toString();
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** user + system CPU time of the whole process so far, in milliseconds. */
    long cpuMillis() throws IOException {
        return cpuMillis(process.pid());
    }

    static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command name: state is field 3, utime field 14, stime field 15
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /** A line of /proc/PID/status in KiB, e.g. VmRSS or VmHWM. */
    long statusKib(String field) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (l.startsWith(field + ":")) {
                return Long.parseLong(l.substring(field.length() + 1).replace("kB", "").strip());
            }
        }
        throw new IllegalStateException(field + " not in /proc status");
    }

    /** Resets the peak resident set (VmHWM) to the current one (Linux 4.0+). */
    void resetPeak() throws IOException {
        Files.writeString(Path.of("/proc", Long.toString(process.pid()), "clear_refs"), "5");
    }

    /**
     * SIGTERM to the process and everything it started, Java children first (so a JVM under
     * xvfb-run can finish, e.g. write its class-data archive, before its X server goes), then
     * SIGKILL after a grace period.
     */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        List<ProcessHandle> javas = children.stream()
                .filter(c -> c.info().command().map(cmd -> cmd.endsWith("/java")).orElse(false)).toList();
        javas.forEach(ProcessHandle::destroy);
        javas.forEach(Proc::awaitOrKill);
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        children.forEach(Proc::awaitOrKill);
    }

    private static void awaitOrKill(ProcessHandle p) {
        try {
            p.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
        }
    }
}
