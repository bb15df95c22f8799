package de.patientenversand.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * OnionShare's receive mode (issue #9, 1c) from Debian's {@code onionshare-cli}, on loopback
 * without Tor: {@code onionshare-cli --receive --local-only --public --data-dir D}. It picks a
 * random port in 17600–17650 (there is no option for it), printed in its log; its form posts
 * the files as {@code file[]} to {@code /upload} and answers with a redirect. It writes each file
 * in plaintext under D without fsync; the bench removes it after each upload (not timed).
 */
final class OnionShare implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");
    private final Proc proc;
    private final Path data;
    private final String base;
    private final String reason;
    private final String version;

    private OnionShare(Proc proc, Path data, String base, String reason, String version) {
        this.proc = proc;
        this.data = data;
        this.base = base;
        this.reason = reason;
        this.version = version;
    }

    static OnionShare missing(String reason) {
        return new OnionShare(null, null, null, reason, null);
    }

    static OnionShare start(Path work) {
        if (!Exec.onPath("onionshare-cli")) {
            return missing("onionshare-cli is not installed (Debian: apt-get install -y onionshare-cli)");
        }
        Path data = work.resolve("onionshare-data");
        Path home = work.resolve("onionshare-home");
        Proc p = null;
        try {
            Files.createDirectories(data);
            Files.createDirectories(home);
            p = Proc.start(List.of("onionshare-cli", "--receive", "--local-only", "--public", "--data-dir", data.toString()),
                    Map.of("HOME", home.toString(), "PYTHONUNBUFFERED", "1"), work);
            String port = p.await(URL, Duration.ofSeconds(60)).group(1);
            String version = Exec.run(List.of("dpkg-query", "-W", "-f", "${Version}", "onionshare-cli"), work, Map.of()).out().strip();
            return new OnionShare(p, data, "http://127.0.0.1:" + port, null, version.isEmpty() ? "?" : version);
        } catch (Exception e) {
            if (p != null) {
                try {
                    p.close();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
            return missing("onionshare-cli did not start: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    boolean available() {
        return proc != null;
    }

    String reason() {
        return reason;
    }

    String version() {
        return version;
    }

    /** One upload the way its receive page posts it; checks the stored file, then removes it. */
    Bench.Sample upload(Path input) throws Exception {
        long cpu0 = proc.cpuMillis();
        Exec.Result r = Exec.run(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                "-F", "file[]=@" + input + ";type=application/pdf", base + "/upload"), input.getParent(), Map.of());
        long cpu1 = proc.cpuMillis();
        r.requireExit(0, "curl onionshare");
        String code = r.out().strip();
        if (!code.equals("302") && !code.equals("200")) {
            throw new IllegalStateException("onionshare answered " + code);
        }
        long stored = 0;
        try (Stream<Path> s = Files.walk(data)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                stored += Files.size(f);
            }
        }
        if (stored != Files.size(input)) {
            throw new IllegalStateException("onionshare stored " + stored + " bytes");
        }
        clear();
        return new Bench.Sample(r.millis(), cpu1 - cpu0);
    }

    private void clear() throws IOException {
        try (Stream<Path> s = Files.walk(data)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(data)) {
                    Files.delete(p);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (proc != null) {
            proc.close();
        }
    }
}
