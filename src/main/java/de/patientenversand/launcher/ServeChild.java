package de.patientenversand.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.ui.common.ServerEvent;
import de.patientenversand.ui.common.ServerProcess;
import de.patientenversand.common.AppPaths;
import de.patientenversand.common.OwnerOnlyFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code serve} as a child process of the app (DESIGN.md section 2): the process that faces
 * the internet holds only the vault's public key, never the password. The child gets the same
 * java binary and class path, an environment without {@code PATIENTENVERSAND_*} variables, and
 * {@code --exit-with-stdin}, so it ends when the app's pipe closes (also after a {@code kill -9}
 * of the app). Its stdout is read as JSON lines on a background thread; if it dies, it is
 * restarted with a growing delay. Its stderr is drained but not logged (it may name files).
 */
final class ServeChild implements ServerProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ServeChild.class);
    private static final Pattern LISTENING = Pattern.compile("Listening on (http://\\S+)");
    private static final Pattern PUBLIC = Pattern.compile("Public URL: (https://\\S+)");
    private static final int MAX_DELAY_SECONDS = 30;
    private final Supplier<List<String>> command;
    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private Process process;
    private Thread supervisor;
    private volatile boolean running;
    private volatile long generation;

    /** @param command asked at every (re)start, so a changed setting takes effect */
    ServeChild(Supplier<List<String>> command) {
        this.command = command;
    }

    /** The command that starts {@code serve} with this JVM's java binary and class path. */
    static List<String> defaultCommand(Path dataDir, List<String> extraArgs) {
        // java.home's own java binary: in an installed app image the current process is the
        // native launcher, which would not understand -cp
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
        String java = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m"));
        cmd.addAll(classDataSharing(AppPaths.cacheDir()));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--data-dir", dataDir.toString(), "--exit-with-stdin"));
        cmd.addAll(extraArgs);
        return cmd;
    }

    /**
     * JVM options for a class-data archive of serve's classes (dynamic CDS: written when serve
     * first exits, renewed by the JVM when the jar or the JVM changes). With it serve reaches
     * "Listening" about a quarter sooner (issue #9: ~2.0 s instead of ~2.7 s on the busy bench
     * machine). The JVM maps the archive as code, so it lives only in the user's own cache folder
     * (0700), never in a shared temp folder; without that folder serve starts without it.
     */
    static List<String> classDataSharing(Path cacheDir) {
        try {
            OwnerOnlyFiles.createDirectories(cacheDir);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return List.of("-XX:SharedArchiveFile=" + cacheDir.resolve("serve.jsa"), "-XX:+AutoCreateSharedArchive");
    }

    @Override
    public void start(Consumer<ServerEvent> listener) {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            long mine = ++generation;
            supervisor = Thread.ofPlatform().daemon().name("serve-supervisor")
                    .start(() -> supervise(event -> {
                        if (mine == generation) {
                            listener.accept(event);
                        }
                    }, mine));
        }
    }

    private void supervise(Consumer<ServerEvent> listener, long mine) {
        int delay = 1;
        while (running && mine == generation) {
            listener.accept(new ServerEvent(ServerEvent.STARTING, Map.of()));
            long started = System.nanoTime();
            int exit = runOnce(listener, mine);
            if (!running || mine != generation) {
                return;
            }
            if (TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) > 60) {
                delay = 1;
            }
            LOG.warn("serve child ended with exit code {}; restarting in {} s", exit, delay);
            listener.accept(new ServerEvent(ServerEvent.CRASHED, Map.of("restartInSeconds", delay, "exitCode", exit)));
            try {
                Thread.sleep(delay * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            delay = Math.min(delay * 2, MAX_DELAY_SECONDS);
        }
    }

    private int runOnce(Consumer<ServerEvent> listener, long mine) {
        Process p;
        try {
            ProcessBuilder builder = new ProcessBuilder(command.get());
            builder.environment().keySet().removeIf(k -> k.startsWith("PATIENTENVERSAND_"));
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            p = builder.start();
        } catch (IOException e) {
            LOG.warn("serve child could not be started: {}", e.getClass().getName());
            return -1;
        }
        synchronized (lock) {
            process = p;
            if (!running || mine != generation) {
                p.destroy();
            }
        }
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                ServerEvent event = parse(line);
                if (event != null) {
                    listener.accept(event);
                }
            }
        } catch (IOException e) {
            LOG.debug("serve child output closed");
        }
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** One stdout line as an event: a JSON object with "type", or one of the plain lines. */
    ServerEvent parse(String line) {
        String trimmed = line.strip();
        if (trimmed.startsWith("{")) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = json.readValue(trimmed, Map.class);
                Object type = fields.get("type");
                if (type != null) {
                    fields.values().removeIf(java.util.Objects::isNull);
                    return new ServerEvent(type.toString(), fields);
                }
            } catch (IOException e) {
                LOG.debug("ignoring a line of serve output that is not an event");
            }
            return null;
        }
        Matcher m = LISTENING.matcher(trimmed);
        if (m.find()) {
            return new ServerEvent(ServerEvent.LISTENING, Map.of("url", m.group(1)));
        }
        m = PUBLIC.matcher(trimmed);
        if (m.find()) {
            return new ServerEvent(ServerEvent.PUBLIC_URL, Map.of("url", m.group(1)));
        }
        return null;
    }

    @Override
    public void stop() {
        Process p;
        Thread s;
        synchronized (lock) {
            running = false;
            generation++;
            p = process;
            s = supervisor;
            process = null;
        }
        if (s != null) {
            s.interrupt();
        }
        if (p != null) {
            try {
                p.getOutputStream().close();
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }
}
