package de.patientenversand.tunnel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts cloudflared under a tiny POSIX-sh watchdog so that it never outlives this JVM, even
 * after {@code kill -9}: Java has no way to tie a child's life to its own, but a pipe does. The
 * watchdog holds the read end of its stdin pipe, whose only writer is this JVM. When the JVM
 * dies for any reason the kernel closes that end, a {@code read} loop in the watchdog sees EOF
 * and terminates cloudflared (TERM, then KILL after a grace period). The watcher is a subshell
 * running only builtins, so it can itself be killed directly when cloudflared exits first; the
 * watchdog then exits with cloudflared's status. TERM/INT/HUP sent to the watchdog are passed
 * on to cloudflared. cloudflared's stdin is {@code /dev/null} and the watcher's fd is closed for
 * it. The first line the watchdog prints is cloudflared's pid, for a clean stop and for tests.
 *
 * <p>Windows has no {@code sh}: there a job object with KILL_ON_JOB_CLOSE would be needed. That
 * is not done (see docs/decisions/0004-cloudflared-child-process.md); on Windows cloudflared is
 * started directly ({@link #direct}), which ends it on every clean stop but not after a crash of
 * the JVM.
 */
final class WatchdogStarter implements ChildStarter {
    private static final Logger LOG = LoggerFactory.getLogger(WatchdogStarter.class);
    private static final String PID_PREFIX = "pv-watchdog child=";
    static final String SCRIPT = String.join("\n",
            "grace=$1; shift",
            "exec 3<&0",
            "\"$@\" </dev/null 3<&- &",
            "pid=$!",
            "echo \"" + PID_PREFIX + "$pid\"",
            "( while read -r _; do :; done <&3",
            "  kill -TERM \"$pid\" 2>/dev/null",
            "  n=0",
            "  while [ \"$n\" -lt \"$grace\" ] && kill -0 \"$pid\" 2>/dev/null; do sleep 1; n=$((n+1)); done",
            "  kill -KILL \"$pid\" 2>/dev/null ) </dev/null >/dev/null 2>&1 &",
            "wpid=$!",
            "exec 3<&-",
            "trap 'kill -TERM \"$pid\" 2>/dev/null' TERM INT HUP",
            "wait \"$pid\"; status=$?",
            "while kill -0 \"$pid\" 2>/dev/null; do wait \"$pid\"; status=$?; done",
            "kill -TERM \"$wpid\" 2>/dev/null",
            "exit \"$status\"");

    private final String shell;
    private final Duration killGrace;

    /** The starter for this operating system: the watchdog, or a direct start on Windows. */
    static ChildStarter forThisOs(Duration killGrace) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
        return windows ? direct(killGrace) : new WatchdogStarter(killGrace);
    }

    /** Starts cloudflared without a watchdog (Windows): stop still terminates, waits and kills. */
    static ChildStarter direct(Duration killGrace) {
        return (command, secrets, listener) -> {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            ChildEnvironment.clean(pb.environment());
            pb.environment().putAll(secrets);
            Process p = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Thread reader = new Thread(() -> pump(out, p, listener), "cloudflared-log");
            reader.setDaemon(true);
            reader.start();
            return new WatchdogChild(p, p.pid());
        };
    }

    WatchdogStarter(Duration killGrace) {
        this("/bin/sh", killGrace);
    }

    WatchdogStarter(String shell, Duration killGrace) {
        this.shell = shell;
        this.killGrace = killGrace;
    }

    @Override
    public Child start(List<String> command, Map<String, String> secrets, Listener listener) throws IOException {
        List<String> argv = new ArrayList<>(List.of(shell, "-c", SCRIPT, "pv-watchdog",
                Long.toString(Math.max(1, killGrace.toSeconds()))));
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        ChildEnvironment.clean(pb.environment());
        pb.environment().putAll(secrets);
        Process watchdog = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(watchdog.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.startsWith(PID_PREFIX)) {
            watchdog.destroyForcibly();
            throw new IOException("watchdog did not start");
        }
        long pid = Long.parseLong(first.substring(PID_PREFIX.length()).trim());
        Thread reader = new Thread(() -> pump(out, watchdog, listener), "cloudflared-log");
        reader.setDaemon(true);
        reader.start();
        return new WatchdogChild(watchdog, pid);
    }

    private static void pump(BufferedReader out, Process watchdog, Listener listener) {
        try (out) {
            String line;
            while ((line = out.readLine()) != null) {
                listener.onLine(line);
            }
        } catch (IOException e) {
            LOG.debug("cloudflared log stream closed", e);
        }
        int code;
        try {
            code = watchdog.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        listener.onExit(code);
    }

    /** A running watchdog and its cloudflared. */
    private record WatchdogChild(Process watchdog, long pid) implements Child {
        @Override
        public void stop(Duration grace) {
            try {
                // closing our end is what the watchdog waits for: it terminates cloudflared
                watchdog.getOutputStream().close();
            } catch (IOException e) {
                LOG.debug("watchdog pipe already closed", e);
            }
            if (watchdog.pid() == pid) {
                watchdog.toHandle().destroy(); // started directly: TERM (keeps our end of its output open)
            }
            try {
                if (!watchdog.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
                    watchdog.destroyForcibly();
                    watchdog.waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                watchdog.destroyForcibly();
            }
        }
    }
}
