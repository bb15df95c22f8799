package de.patientenversand.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.upload.Body;
import de.patientenversand.upload.Fixtures;
import de.patientenversand.upload.PracticeServer;
import de.patientenversand.upload.RawHttp;
import de.patientenversand.upload.UploadLimits;
import de.patientenversand.vault.DocumentInfo;
import de.patientenversand.vault.UnlockedVault;
import de.patientenversand.vault.Unlocker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real upload server of {@link PracticeServer} (real SQLite vault in a folder under
 * {@code target/}, real vault writer, Undertow on loopback) with what the hostile-input
 * properties check around each request: a bounded raw-socket exchange, the JSON error shape of
 * DESIGN.md section 6, the documents a request stored (decrypted with the patient's password),
 * an empty {@code tmp/}, settled threads, no plaintext on disk and a normal upload that still works.
 */
final class HostileHarness implements AutoCloseable {
    /** Idle read timeout of the server under test: every request must be answered well within it plus a margin. */
    static final Duration IDLE = Duration.ofSeconds(2);
    static final Duration REQUEST_BOUND = IDLE.plusSeconds(6);
    /** 1 MiB per file, 2 files per submission (so "too many files" costs few commits), 2 s idle timeout. */
    static final UploadLimits LIMITS = PracticeServer.limits().withMaxFiles(2).withTimeouts(IDLE, 1024, IDLE);
    /** Put into every generated document, so that a plaintext copy anywhere on disk can be found. */
    static final String MARKER = "QA-HOSTILE-7f3a";
    static final int THREAD_TOLERANCE = 4;
    static final ObjectMapper JSON = new ObjectMapper();
    /** The codes of DESIGN.md section 6 (and the tus/submission extensions) with their status. */
    static final Map<String, Integer> CODES = Map.ofEntries(Map.entry("no_files", 400), Map.entry("empty_file", 400),
            Map.entry("bad_request", 400), Map.entry("too_many_files", 400), Map.entry("field_too_long", 400),
            Map.entry("quota_exceeded", 403), Map.entry("link_unknown", 404), Map.entry("timeout", 408),
            Map.entry("link_expired", 410), Map.entry("link_revoked", 410), Map.entry("file_too_large", 413),
            Map.entry("unsupported_type", 415), Map.entry("too_many_requests", 429),
            Map.entry("headers_too_large", 431), Map.entry("insufficient_storage", 507), Map.entry("busy", 503),
            Map.entry("submission_unknown", 404), Map.entry("submission_closed", 409),
            Map.entry("upload_unknown", 404), Map.entry("offset_mismatch", 409), Map.entry("upload_busy", 423),
            Map.entry("not_found", 404), Map.entry("method_not_allowed", 405));

    /** A document a request stored, as the patient's app reads it. */
    record Stored(DocumentInfo info, byte[] bytes) {
    }

    /** How the request body goes on the wire. */
    enum Delivery {
        /** all at once */
        WHOLE,
        /** in small random pieces, each flushed (parser state across buffer edges) */
        PIECES,
        /** as HTTP chunks instead of a Content-Length */
        CHUNKED
    }

    final Path root;
    final PracticeServer server;
    private final UnlockedVault inbox;
    private final Path javaTmp = Path.of(System.getProperty("java.io.tmpdir"));
    private final Set<Path> javaTmpBefore;
    private long lastRow;
    private int threadBaseline;

    private HostileHarness(Path root) throws IOException {
        this.root = root;
        this.javaTmpBefore = listing(javaTmp);
        this.server = new PracticeServer(root.resolve("vault"), LIMITS, Duration.ofHours(4));
        this.inbox = new Unlocker(new SecureRandom()).withPassphrase(server.dataDir, PracticeServer.PASSPHRASE.clone());
    }

    static HostileHarness start() throws IOException {
        Path base = Path.of("target", "hostile-input");
        Files.createDirectories(base);
        HostileHarness h = new HostileHarness(Files.createTempDirectory(base.toAbsolutePath(), "run-"));
        h.warmUp();
        return h;
    }

    String linkPath() {
        return server.linkPath();
    }

    /**
     * Normal uploads, eight at a time, until the worker pools (Undertow's, the virtual-thread
     * carriers, the common pool) hold the threads they keep; then the baseline.
     */
    private void warmUp() throws IOException {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int n = i;
                all.add(pool.submit(() -> post(server.linkPath() + "/upload", Body.TYPE,
                        new Body().file("Warm_" + n + ".pdf", Fixtures.PDF).end().bytes(), Delivery.PIECES, new Random(n))));
            }
            for (var f : all) {
                f.get();
            }
            java.util.concurrent.ForkJoinPool.commonPool().submit(() -> { }).get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IOException(e);
        } finally {
            pool.shutdownNow();
        }
        try {
            pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        newDocuments();
        normalUpload(0);
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threadBaseline = liveThreads();
    }

    /** Uploads a try created and has not ended yet: ended by {@link #beginTry()} if the try failed half-way. */
    private final List<String> created = new ArrayList<>();

    /** Notes a tus upload a try created (see {@link #ended(String)}). */
    void track(String uploadPath) {
        created.add(uploadPath);
    }

    /** The tus upload ended (stored, refused or terminated). */
    void ended(String uploadPath) {
        created.remove(uploadPath);
    }

    /** Before every try: end what an earlier, failed try left behind (uploads, unchecked documents). */
    void beginTry() {
        for (String path : List.copyOf(created)) {
            send("DELETE", path, List.of("Tus-Resumable: 1.0.0"), new byte[0], Delivery.WHOLE, new Random());
        }
        created.clear();
        newDocuments();
    }

    // ---- requests ----

    RawHttp.Response post(String path, String contentType, byte[] body, Delivery delivery, Random random,
                          String... headers) {
        List<String> all = new ArrayList<>();
        if (contentType != null) {
            all.add("Content-Type: " + contentType);
        }
        all.addAll(List.of(headers));
        return send("POST", path, all, body, delivery, random);
    }

    /**
     * One request on its own (keep-alive) connection. Headers are sent as given (Latin-1); Content-Length is
     * added unless a header already names a length or the body goes chunked. The answer must come
     * within {@link #REQUEST_BOUND}: a hang fails the property.
     */
    RawHttp.Response send(String method, String path, List<String> headers, byte[] body, Delivery delivery,
                          Random random) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        boolean hasLength = headers.stream().anyMatch(h -> h.regionMatches(true, 0, "Content-Length:", 0, 15));
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        if (delivery == Delivery.CHUNKED) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (!hasLength) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        // keep-alive, as browsers and tus clients send: the server then reads the rest of a body it
        // refused before closing, so its early answer is not lost to a reset
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        long start = System.nanoTime();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout((int) REQUEST_BOUND.toMillis());
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            long seed = random.nextLong();
            Thread writer = Thread.ofVirtual().start(() -> write(out, headBytes, body, delivery, new Random(seed)));
            RawHttp.Response r;
            try {
                r = RawHttp.read(s.getInputStream());
            } finally {
                writer.interrupt();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("answer time of %s %s", method, path).isLessThan(REQUEST_BOUND);
            return r;
        } catch (IOException e) {
            throw new AssertionError("no answer to " + method + " within " + REQUEST_BOUND + ": " + e, e);
        }
    }

    private static void write(OutputStream out, byte[] head, byte[] body, Delivery delivery, Random random) {
        try {
            out.write(head);
            switch (delivery) {
                case WHOLE -> out.write(body);
                case PIECES -> {
                    // small pieces over the first 64 KiB (where the framing is), the rest at once
                    for (int off = 0; off < body.length; ) {
                        int n = off >= 65_536 ? body.length - off : Math.min(body.length - off, 1 + random.nextInt(random.nextBoolean() ? 16 : 5000));
                        out.write(body, off, n);
                        out.flush();
                        off += n;
                    }
                }
                case CHUNKED -> {
                    for (int off = 0; off < body.length; ) {
                        int n = Math.min(body.length - off, 1 + random.nextInt(3000));
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body, off, n);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        off += n;
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            out.flush();
        } catch (IOException e) {
            // the server answered early and stopped reading (413, 400 and close): expected
        }
    }

    /** Sends head and the first {@code sent} bytes of a body announced in full, then half-closes. */
    RawHttp.Response prematureEof(String path, String contentType, byte[] body, int sent) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        long start = System.nanoTime();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout((int) REQUEST_BOUND.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, 0, sent);
            out.flush();
            s.shutdownOutput();
            RawHttp.Response r = RawHttp.read(s.getInputStream());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answer time").isLessThan(REQUEST_BOUND);
            return r;
        } catch (IOException e) {
            throw new AssertionError("no answer to a body cut short within " + REQUEST_BOUND + ": " + e, e);
        }
    }

    // ---- what every answer must be ----

    /** No 5xx, and every error is our JSON with a known code that matches the status; returns the body. */
    static JsonNode assertAnswer(RawHttp.Response r) {
        assertThat(r.status()).as("status (never 5xx) of %s", r.body()).isLessThan(500);
        if (r.status() < 400) {
            return r.body().isEmpty() ? null : parse(r);
        }
        assertThat(r.header("Content-Type")).as("type of the error %s", r.body()).startsWith("application/json");
        JsonNode node = parse(r);
        assertThat(node.isObject()).as("error body %s", r.body()).isTrue();
        assertThat(node.path("error").isTextual()).as("error code in %s", r.body()).isTrue();
        assertThat(node.path("message").isTextual() && !node.path("message").asText().isBlank())
                .as("message in %s", r.body()).isTrue();
        String code = node.path("error").asText();
        assertThat(CODES).as("known code").containsKey(code);
        assertThat(r.status()).as("status of %s", code).isEqualTo(CODES.get(code));
        return node;
    }

    /** An error of one of the {@code codes}. */
    static JsonNode assertError(RawHttp.Response r, String... codes) {
        JsonNode node = assertAnswer(r);
        assertThat(r.status()).as("status of %s", r.body()).isGreaterThanOrEqualTo(400);
        assertThat(node.path("error").asText()).as("code of %s", r.body()).isIn((Object[]) codes);
        return node;
    }

    static JsonNode parse(RawHttp.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("answer is not JSON: " + r.status() + " " + r.body());
        }
    }

    // ---- what a request left in the vault ----

    /** The documents stored since the last call, in the order they were stored, decrypted. */
    List<Stored> newDocuments() {
        try {
            List<String> ids = server.vault.database().read(c -> {
                List<String> out = new ArrayList<>();
                try (var st = c.prepareStatement("SELECT rowid, id FROM documents WHERE rowid > ? ORDER BY rowid")) {
                    st.setLong(1, lastRow);
                    try (var rs = st.executeQuery()) {
                        while (rs.next()) {
                            lastRow = rs.getLong(1);
                            out.add(rs.getString(2));
                        }
                    }
                }
                return out;
            });
            List<Stored> stored = new ArrayList<>();
            for (String id : ids) {
                try (InputStream in = inbox.open(id)) {
                    stored.add(new Stored(inbox.document(id), in.readAllBytes()));
                }
            }
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** After every try: no partial file in tmp/, no upload still held. */
    void assertNothingLeft() {
        try {
            assertThat(server.partialFiles()).as("files left in the vault's tmp/").isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(server.resumable.openUploads()).as("partial uploads still held").isZero();
    }

    // ---- after every property ----

    /**
     * Threads back to the baseline, no plaintext marker anywhere in the vault or in new files of
     * java.io.tmpdir, blobs exactly for the stored documents, and a normal upload still works.
     */
    void assertSettled(int round) throws IOException {
        assertNothingLeft();
        int live = settleThreads(Duration.ofSeconds(5));
        System.out.printf("hostile-input threads: baseline %d, after the property %d (tolerance %d)%n", threadBaseline, live,
                THREAD_TOLERANCE);
        assertThat(live).as("live threads after the property (baseline %d): %s", threadBaseline, threadNames())
                .isLessThanOrEqualTo(threadBaseline + THREAD_TOLERANCE);
        assertThat(filesWithMarker(server.dataDir)).as("plaintext in the vault").isEmpty();
        Set<Path> fresh = new HashSet<>(listing(javaTmp));
        fresh.removeAll(javaTmpBefore);
        List<Path> suspicious = new ArrayList<>();
        for (Path p : fresh) {
            if (p.getFileName().toString().toLowerCase().startsWith("undertow")) {
                suspicious.add(p);
            }
            suspicious.addAll(filesWithMarker(p));
        }
        assertThat(suspicious).as("files of the server in java.io.tmpdir").isEmpty();
        assertBlobsMatchDocuments();
        normalUpload(round);
    }

    /** A normal upload: 201, and the document decrypts to exactly what was sent. */
    void normalUpload(int round) {
        byte[] pdf = Fixtures.concat(Fixtures.bigPdf(2000 + round % 500, round), (MARKER + "-normal").getBytes(StandardCharsets.US_ASCII));
        newDocuments();
        RawHttp.Response r = post(server.linkPath() + "/upload", Body.TYPE,
                new Body().file("Befund_" + round + ".pdf", pdf).end().bytes(), Delivery.WHOLE, new Random(round));
        assertThat(r.status()).as("a normal upload afterwards: %s", r.body()).isEqualTo(201);
        List<Stored> stored = newDocuments();
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().bytes()).isEqualTo(pdf);
        assertThat(stored.getFirst().info().name()).isEqualTo("Befund_" + round + ".pdf");
    }

    private void assertBlobsMatchDocuments() throws IOException {
        Set<String> ids = server.vault.database().read(c -> {
            Set<String> out = new HashSet<>();
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT id FROM documents")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        Set<String> blobs;
        Path dir = server.vault.layout().blobs();
        try (Stream<Path> s = Files.walk(dir)) {
            blobs = s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".age") && !n.endsWith(".meta.age"))
                    .map(n -> n.substring(0, n.length() - 4)).collect(Collectors.toSet());
        }
        assertThat(blobs).as("blobs are exactly those of the stored documents").isEqualTo(ids);
    }

    private static List<Path> filesWithMarker(Path start) throws IOException {
        if (!Files.exists(start)) {
            return List.of();
        }
        byte[] marker = MARKER.getBytes(StandardCharsets.US_ASCII);
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> s = Files.walk(start, 4)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                try {
                    if (Files.size(p) < 64L * 1024 * 1024 && indexOf(Files.readAllBytes(p), marker) >= 0) {
                        hits.add(p);
                    }
                } catch (IOException gone) {
                    // another process's file went away while we looked
                }
            }
        } catch (UncheckedIOException | IOException gone) {
            // a folder of another process vanished during the walk
        }
        return hits;
    }

    static int indexOf(byte[] data, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= data.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Set<Path> listing(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private int settleThreads(Duration max) {
        long end = System.nanoTime() + max.toNanos();
        int live = liveThreads();
        while (live > threadBaseline + THREAD_TOLERANCE && System.nanoTime() < end) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            live = liveThreads();
        }
        return live;
    }

    private static String threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted()
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        inbox.close();
        server.close();
    }
}
