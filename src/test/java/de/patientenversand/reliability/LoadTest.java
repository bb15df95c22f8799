package de.patientenversand.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.upload.RawHttp;
import de.patientenversand.vault.DocumentInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load on the real {@code serve} in a forked JVM with a 192 MB heap (DESIGN.md section 6 limits,
 * all at their defaults). Many practices upload at once, large files among them, each from a
 * loopback address of its own, half with one multipart request and half with the page's tus
 * flow; every one gets its receipt, every document decrypts to exactly what was sent, and the
 * server's live heap stays far below the size of one large file. A flood of slow clients does
 * not keep a practice from sending.
 *
 * <p>The short version sends 200 uploads from 20 clients, mostly small files and a few at the
 * 50 MB limit; {@code -Dpv.long=true} sends far more large ones. Contents come from seeds
 * ({@code -Dpv.seed} picks another mix) and are streamed, never held whole.
 */
@DisplayName("load: many practices at once, large files, slow clients")
class LoadTest {
    private static final String SUITE = "load";
    private static final boolean LONG = Boolean.getBoolean("pv.long");
    private static final long LIMIT = 52_428_800L;
    private static final long MIB = 1024 * 1024;
    private static final int UPLOADS = 200;
    private static final int CLIENTS = 20;
    /** The page's chunk size. */
    private static final int TUS_CHUNK = 4 * 1024 * 1024;
    /**
     * What the live heap of serve must stay under. serve itself holds some 20-30 MB, two receipt
     * PDFs being composed some 15 MB each; one 50 MB file held in memory would cross the bound.
     */
    private static final long LIVE_HEAP_BOUND = 64 * MIB;
    private static final int FLOOD = 100;
    /** The flood runs this long before the practice sends. */
    private static final long FLOOD_HEAD_START_MS = 4_000;
    /** Idle read timeout and rate window are 30 s: every flood connection must be ended by then, plus slack. */
    private static final long FLOOD_BOUND_MS = 30_000 + 15_000;
    /** The practice's two 1 MB uploads during the flood: well inside the 30 s in which the flood holds on. */
    private static final long PRACTICE_BOUND_MS = 20_000;
    private static final List<String> SERVE_JVM = List.of("-Xmx192m", "-XX:+ExitOnOutOfMemoryError");

    @TempDir
    Path dir;

    /** One planned upload. */
    record Planned(int number, int client, PracticeClient.Streamed doc, boolean tus) {
    }

    /** What one upload got. */
    record Outcome(Planned planned, String sha256, RawHttp.Response answer, String failure, long millis) {
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    @DisplayName("200 uploads from 20 clients at once, 10 KB to 50 MB, multipart and tus: every one 201, "
            + "every document decrypts to the SHA-256 sent, no 5xx, no OutOfMemoryError, live heap bounded")
    void manyPracticesAtOnce() throws Exception {
        long seed = Long.getLong("pv.seed", 20_261_204L);
        List<Planned> plan = plan(seed);
        long totalBytes = plan.stream().mapToLong(p -> p.doc().size()).sum();
        Path data = dir.resolve("data");
        Path javaTmp = Files.createDirectories(dir.resolve("java-tmp"));
        Path stderr = Files.createFile(dir.resolve("serve-stderr.txt"));
        Path gcLog = dir.resolve("gc.log");
        VaultAudit audit = VaultAudit.create(data, dir);
        List<String> links = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            links.add(audit.createLinkPath("Praxis " + (c + 1)));
        }

        List<Outcome> outcomes = new ArrayList<>();
        long started = System.nanoTime();
        HeapWatch.GcLog gc;
        long peakLive;
        long liveSamples;
        try (ForkedServe serve = ForkedServe.start(data, javaTmp, stderr, serveJvm(gcLog))) {
            try (HeapWatch heap = HeapWatch.attach(serve.pid(), 2_000)) {
                ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
                try {
                    List<Future<List<Outcome>>> clients = new ArrayList<>();
                    for (int c = 0; c < CLIENTS; c++) {
                        int client = c;
                        PracticeClient practice = new PracticeClient(clientAddress(c), serve.port(), links.get(c));
                        List<Planned> mine = plan.stream().filter(p -> p.client() == client).toList();
                        clients.add(pool.submit(() -> send(practice, mine)));
                    }
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(LONG ? 15 : 6);
                    for (Future<List<Outcome>> f : clients) {
                        try {
                            outcomes.addAll(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                        } catch (TimeoutException e) {
                            throw new AssertionError("the uploads did not finish in time; serve said "
                                    + Files.readString(stderr), e);
                        }
                    }
                } finally {
                    pool.shutdownNow();
                    pool.awaitTermination(30, TimeUnit.SECONDS);
                }
                peakLive = heap.peakLiveBytes();
                liveSamples = heap.samples();
            }
            assertThat(serve.alive()).as("serve still runs; its log: " + Files.readString(stderr)).isTrue();
            assertThat(serve.stop()).as("serve stops on SIGTERM").isTrue();
            gc = HeapWatch.GcLog.read(gcLog);
        }
        long sendMillis = (System.nanoTime() - started) / 1_000_000;
        String serveLog = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(serveLog).as("serve's log").doesNotContain("OutOfMemoryError");

        ReliabilityLedger.record(SUITE, ReliabilityLedger.LOAD_UPLOADS, plan.size());
        List<String> failures = outcomes.stream().filter(o -> o.failure() != null)
                .map(o -> "#" + o.planned().number() + " (" + o.planned().doc().size() + " bytes, "
                        + (o.planned().tus() ? "tus" : "multipart") + "): " + o.failure()).toList();
        assertThat(outcomes).hasSize(plan.size());
        assertThat(failures).as("uploads without their 201 receipt").isEmpty();

        long t0 = System.nanoTime();
        List<VaultAudit.Listed> inbox = audit.inbox();
        long auditMillis = (System.nanoTime() - t0) / 1_000_000;
        int intact = 0;
        for (Outcome o : outcomes) {
            PracticeClient.Confirmed c = PracticeClient.confirmed(o.answer()).getFirst();
            boolean there = inbox.stream().anyMatch(l -> matches(l, c) && l.decryptedSha256().equals(o.sha256()));
            if (there) {
                intact++;
            }
        }
        ReliabilityLedger.record(SUITE, ReliabilityLedger.LOAD_INTACT, intact);
        assertThat(inbox).as("documents in the inbox").hasSize(plan.size());
        assertThat(intact).as("uploads whose document decrypts to the SHA-256 the practice sent").isEqualTo(plan.size());

        long slowest = outcomes.stream().mapToLong(Outcome::millis).max().orElse(0);
        System.out.printf("load: %d uploads (%d tus, %d at 50 MB), %d MB from %d clients in %d ms "
                        + "(slowest upload %d ms); audit %d ms; serve heap: live peak %.1f MB over %d samples, "
                        + "gc log %d collections (%d full), peak before gc %.1f MB, after gc %.1f MB, committed %.1f MB%n",
                plan.size(), plan.stream().filter(Planned::tus).count(),
                plan.stream().filter(p -> p.doc().size() == LIMIT).count(), totalBytes / MIB, CLIENTS, sendMillis,
                slowest, auditMillis, peakLive / (double) MIB, liveSamples, gc.collections(), gc.full(),
                gc.peakBeforeBytes() / (double) MIB, gc.peakAfterBytes() / (double) MIB,
                gc.peakCommittedBytes() / (double) MIB);
        assertThat(liveSamples).as("live heap samples taken during the load").isGreaterThanOrEqualTo(3);
        assertThat(gc.collections()).as("collections in the gc log").isPositive();
        assertThat(peakLive).as("serve's live heap (after a full collection) during the load").isPositive()
                .isLessThan(LIVE_HEAP_BOUND);
    }

    /** The four ways a flood connection sends one byte a second. */
    enum Slow {
        /** The request line, then headers that never end. */
        HEADERS,
        /** Valid headers and a file part's header on a valid link, then the file one byte a second. */
        MULTIPART,
        /** A tus upload created at normal speed, then a PATCH whose body comes one byte a second. */
        TUS,
        /** Valid headers for opening a submission, then its JSON one byte a second. */
        SUBMISSION
    }

    /** How one flood connection ended: the server's status (0: closed without an answer), and when. */
    record Ended(Slow kind, int status, String error, boolean retryAfter, long afterMillis, boolean byServer) {
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("100 connections sending one byte a second (slow headers, slow bodies on a valid link) do not keep "
            + "a practice from sending: it gets its receipts while the flood runs, and the server ends every flood "
            + "connection within its timeouts")
    void slowClientFlood() throws Exception {
        Path data = dir.resolve("data");
        Path javaTmp = Files.createDirectories(dir.resolve("java-tmp"));
        Path stderr = Files.createFile(dir.resolve("serve-stderr.txt"));
        VaultAudit audit = VaultAudit.create(data, dir);
        String linkPath = audit.createLinkPath("Praxis Dr. Muster");
        InetAddress floodFrom = InetAddress.getByAddress(new byte[] {127, 0, 2, 1});
        InetAddress practiceFrom = clientAddress(0);
        List<PracticeClient.Confirmed> confirmed = new ArrayList<>();
        List<String> sentSha = new ArrayList<>();
        List<Ended> ended;
        long practiceMillis;
        int openWhenReceived;
        int holdingWhenReceived;
        try (ForkedServe serve = ForkedServe.start(data, javaTmp, stderr, SERVE_JVM)) {
            PracticeClient attacker = new PracticeClient(floodFrom, serve.port(), linkPath);
            PracticeClient practice = new PracticeClient(practiceFrom, serve.port(), linkPath);
            List<SlowConnection> flood = new ArrayList<>();
            try {
                List<String> tusPaths = new ArrayList<>();
                for (int i = 0; i < FLOOD; i++) {
                    if (Slow.values()[i % Slow.values().length] == Slow.TUS) {
                        tusPaths.add(SlowConnection.createTus(attacker, serve.port(), linkPath));
                    }
                }
                long f0 = System.nanoTime();
                for (int i = 0; i < FLOOD; i++) {
                    Slow kind = Slow.values()[i % Slow.values().length];
                    String tus = kind == Slow.TUS ? tusPaths.removeFirst() : null;
                    flood.add(SlowConnection.open(kind, floodFrom, serve.port(), linkPath, tus));
                }
                long openMillis = (System.nanoTime() - f0) / 1_000_000;
                assertThat(openMillis).as("opening the flood's connections").isLessThan(10_000);
                Thread.sleep(FLOOD_HEAD_START_MS);
                long t0 = System.nanoTime();
                for (int i = 0; i < 2; i++) {
                    PracticeClient.Bytes bytes = new PracticeClient.Streamed("Arztbrief-" + (i + 1) + ".pdf",
                            MIB + 17 * i, 77 + i).open();
                    RawHttp.Response r = i == 0 ? practice.multipart("Praxis Dr. Muster", bytes)
                            : practice.tus("Praxis Dr. Muster", bytes, 256 * 1024);
                    assertThat(r.status()).as("the practice's upload " + (i == 0 ? "(multipart)" : "(tus)")
                            + " during the flood, after " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + r.body()
                            + "; flood so far: " + summary(flood)).isEqualTo(201);
                    confirmed.addAll(PracticeClient.confirmed(r));
                    sentSha.add(bytes.sha256());
                }
                practiceMillis = (System.nanoTime() - t0) / 1_000_000;
                openWhenReceived = (int) flood.stream().filter(c -> !c.done()).count();
                holdingWhenReceived = (int) flood.stream().filter(c -> !c.done() && c.kind != Slow.HEADERS).count();
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLOOD_BOUND_MS + 15_000);
                for (SlowConnection c : flood) {
                    c.await(Math.max(1, deadline - System.nanoTime()));
                }
                ended = flood.stream().map(SlowConnection::ended).toList();
            } finally {
                flood.forEach(SlowConnection::close);
            }
            // the flood's own address may send again at once: its slots are free
            PracticeClient.Bytes after = new PracticeClient.Streamed("Nachtrag.pdf", 200_000, 99).open();
            RawHttp.Response r = attacker.multipart("Praxis Dr. Muster", after);
            assertThat(r.status()).as("an upload from the flood's address after the flood: " + r.body()).isEqualTo(201);
            confirmed.addAll(PracticeClient.confirmed(r));
            sentSha.add(after.sha256());
            assertThat(serve.alive()).isTrue();
        }
        assertThat(Files.readString(stderr, StandardCharsets.UTF_8)).doesNotContain("OutOfMemoryError");

        long handled = ended.stream().filter(LoadTest::handledInTime).count();
        ReliabilityLedger.record(SUITE, ReliabilityLedger.HOSTILE_TRIED, ended.size());
        ReliabilityLedger.record(SUITE, ReliabilityLedger.HOSTILE_HANDLED, handled);
        System.out.printf("flood: %d slow connections; the practice's 2 uploads took %d ms with %d of them still open "
                + "(%d slow bodies); %s%n", ended.size(), practiceMillis, openWhenReceived, holdingWhenReceived,
                describe(ended));
        List<VaultAudit.Listed> inbox = audit.inbox();
        long intact = confirmed.stream().filter(c -> inbox.stream().anyMatch(l -> matches(l, c))).count();
        ReliabilityLedger.record(SUITE, ReliabilityLedger.LOAD_UPLOADS, sentSha.size());
        ReliabilityLedger.record(SUITE, ReliabilityLedger.LOAD_INTACT, intact);
        assertThat(confirmed).extracting(PracticeClient.Confirmed::sha256).containsExactlyElementsOf(sentSha);
        assertThat(intact).isEqualTo(sentSha.size());
        assertThat(inbox).as("nothing of the flood is in the inbox").hasSize(sentSha.size());

        assertThat(holdingWhenReceived).as("slow bodies the server had taken in and still held when the practice "
                + "had its receipts (the practice did not just wait for the flood to end)").isPositive();
        assertThat(practiceMillis).as("the practice's uploads during the flood").isLessThan(PRACTICE_BOUND_MS);
        assertThat(ended).as("flood connections the server ended within its timeouts with an allowed answer")
                .allMatch(LoadTest::handledInTime, "ended by the server in time with 408, 503 busy or a close");
    }

    /** The server ended it within the idle timeout or rate window (30 s) plus slack, with an allowed answer. */
    private static boolean handledInTime(Ended e) {
        if (!e.byServer() || e.afterMillis() > FLOOD_BOUND_MS) {
            return false;
        }
        return switch (e.status()) {
            case 0 -> true;
            case 408 -> "timeout".equals(e.error()) || e.kind() == Slow.HEADERS;
            case 503 -> "busy".equals(e.error()) && e.retryAfter() && e.kind() != Slow.HEADERS;
            default -> false;
        };
    }

    private static String summary(List<SlowConnection> flood) {
        return describe(flood.stream().filter(SlowConnection::done).map(SlowConnection::ended).toList())
                + ", " + flood.stream().filter(c -> !c.done()).count() + " open";
    }

    /** Counts per kind and outcome, with the longest time to the end. */
    private static String describe(List<Ended> ended) {
        java.util.Map<String, long[]> by = new java.util.TreeMap<>();
        for (Ended e : ended) {
            String key = e.kind() + " " + (!e.byServer() ? "not ended" : e.status() == 0 ? "closed" : e.status() + " " + e.error());
            long[] v = by.computeIfAbsent(key, k -> new long[2]);
            v[0]++;
            v[1] = Math.max(v[1], e.afterMillis());
        }
        StringBuilder b = new StringBuilder();
        by.forEach((k, v) -> b.append(b.isEmpty() ? "" : "; ").append(k).append(": ").append(v[0])
                .append(" (last after ").append(v[1]).append(" ms)"));
        return b.toString();
    }

    /**
     * One flood connection: a writer sends one byte a second, a reader waits for the server's
     * answer or close. Both stop by themselves after {@link #GIVE_UP_MS}.
     */
    static final class SlowConnection implements AutoCloseable {
        private static final long GIVE_UP_MS = FLOOD_BOUND_MS + 20_000;
        private final Slow kind;
        private final java.net.Socket socket;
        private final long started = System.nanoTime();
        private final java.util.concurrent.CompletableFuture<Ended> end = new java.util.concurrent.CompletableFuture<>();

        private SlowConnection(Slow kind, java.net.Socket socket, byte[] head) throws IOException {
            this.kind = kind;
            this.socket = socket;
            socket.setSoTimeout((int) GIVE_UP_MS);
            socket.getOutputStream().write(head);
            socket.getOutputStream().flush();
            Thread.ofVirtual().name("slow-reader").start(this::read);
            Thread.ofVirtual().name("slow-writer").start(this::trickle);
        }

        /** A tus upload of 1 000 000 bytes created at normal speed; its path. */
        static String createTus(PracticeClient attacker, int port, String linkPath) throws IOException {
            RawHttp.Response created = attacker.stream("POST", linkPath + "/tus/", List.of("Tus-Resumable: 1.0.0",
                    "Upload-Length: 1000000", "Upload-Metadata: filename bGFuZ3NhbS5wZGY="), 0, out -> { });
            assertThat(created.status()).as("tus creation for a slow PATCH: " + created.body()).isEqualTo(201);
            return new de.patientenversand.upload.TusClient(port, linkPath).uploadPath(created);
        }

        /** Opens the connection and starts the trickle; {@code tusPath} for {@link Slow#TUS}. */
        static SlowConnection open(Slow kind, InetAddress from, int port, String linkPath, String tusPath)
                throws IOException {
            String head = switch (kind) {
                case HEADERS -> "POST " + linkPath + "/upload HTTP/1.1\r\nHost: 127.0.0.1\r\n";
                case MULTIPART -> "POST " + linkPath + "/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                        + de.patientenversand.upload.Body.TYPE + "\r\nContent-Length: 1000000\r\n\r\n"
                        + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"langsam.pdf\"\r\n\r\n%PDF-1.4\n";
                case TUS -> "PATCH " + tusPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                            + "Content-Type: application/offset+octet-stream\r\nContent-Length: 1000000\r\n\r\n%PDF-1.4\n";
                case SUBMISSION -> "POST " + linkPath + "/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 40000\r\n\r\n{\"sender\":\"";
            };
            java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port, from, 0);
            try {
                return new SlowConnection(kind, s, head.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        }

        private void trickle() {
            byte b = (byte) (kind == Slow.HEADERS ? 'X' : 'a');
            while (!end.isDone() && millis() < GIVE_UP_MS) {
                try {
                    socket.getOutputStream().write(b);
                    socket.getOutputStream().flush();
                    Thread.sleep(1000);
                } catch (IOException | InterruptedException e) {
                    return; // the server closed it; the reader records how
                }
            }
        }

        private void read() {
            try {
                RawHttp.Response r = RawHttp.read(socket.getInputStream());
                String error = null;
                try {
                    error = PracticeClient.JSON.readTree(r.body()).path("error").asText(null);
                } catch (IOException | RuntimeException notJson) {
                    // e.g. Undertow's own 408 to a request whose headers never ended
                }
                end.complete(new Ended(kind, r.status(), error, r.header("Retry-After") != null, millis(), true));
            } catch (java.net.SocketTimeoutException e) {
                end.complete(new Ended(kind, -1, null, false, millis(), false));
            } catch (IOException e) {
                end.complete(new Ended(kind, 0, null, false, millis(), !socket.isClosed()));
            }
        }

        private long millis() {
            return (System.nanoTime() - started) / 1_000_000;
        }

        boolean done() {
            return end.isDone();
        }

        void await(long nanos) throws InterruptedException {
            try {
                end.get(nanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                // recorded as not ended below
            }
        }

        Ended ended() {
            return end.getNow(new Ended(kind, -1, null, false, millis(), false));
        }

        @Override
        public void close() {
            end.complete(new Ended(kind, -1, null, false, millis(), false));
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** The uploads of one client, one after another; every answer is checked, nothing thrown. */
    private static List<Outcome> send(PracticeClient practice, List<Planned> mine) {
        List<Outcome> out = new ArrayList<>();
        for (Planned p : mine) {
            long t0 = System.nanoTime();
            String sha = null;
            RawHttp.Response r = null;
            String failure;
            try {
                String sender = "Praxis " + (p.client() + 1);
                PracticeClient.Bytes bytes = p.doc().open();
                r = p.tus() ? practice.tus(sender, bytes, TUS_CHUNK) : practice.multipart(sender, bytes);
                sha = bytes.remaining() == 0 ? bytes.sha256() : p.doc().sha256();
                failure = check(p, r, sha);
            } catch (IOException | RuntimeException e) {
                failure = e.toString();
            }
            out.add(new Outcome(p, sha, r, failure, (System.nanoTime() - t0) / 1_000_000));
        }
        return out;
    }

    /** Null when the answer is the 201 receipt of exactly this document. */
    private static String check(Planned p, RawHttp.Response r, String sha) throws IOException {
        if (r.status() != 201) {
            return "status " + r.status() + " " + r.body();
        }
        List<PracticeClient.Confirmed> got = PracticeClient.confirmed(r);
        if (got.size() != 1 || !got.getFirst().sha256().equals(sha) || got.getFirst().size() != p.doc().size()
                || !got.getFirst().name().equals(p.doc().name())) {
            return "receipt " + r.body() + " for " + p.doc().name() + " " + p.doc().size() + " " + sha;
        }
        return null;
    }

    /**
     * The short mix: 4 files at exactly the limit, 12 of 1 to 8 MB, the rest 10 KB to 1 MB
     * (log-uniform, one exactly 10 KB); the long mix: 40 at the limit, 60 of 1 MB to the limit.
     * Shuffled by the seed and dealt to the clients in turn; every other one goes by tus.
     */
    static List<Planned> plan(long seed) {
        Random r = new Random(seed);
        int atLimit = LONG ? 40 : 4;
        int medium = LONG ? 60 : 12;
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < atLimit; i++) {
            sizes.add(LIMIT);
        }
        for (int i = 0; i < medium; i++) {
            long max = LONG ? LIMIT : 8 * MIB;
            sizes.add(MIB + (long) (r.nextDouble() * (max - MIB)));
        }
        sizes.add(10_240L);
        while (sizes.size() < UPLOADS) {
            sizes.add((long) (10_240 * Math.pow(MIB / 10_240.0, r.nextDouble())));
        }
        Collections.shuffle(sizes, r);
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            String name = "Befund-" + String.format("%03d", i + 1) + ".pdf";
            plan.add(new Planned(i + 1, i % CLIENTS, new PracticeClient.Streamed(name, sizes.get(i), seed * 1_000 + i),
                    i % 2 == 1));
        }
        return plan;
    }

    /** Client c sends from 127.0.1.(c+1): each practice has an address of its own, as on the internet. */
    private static InetAddress clientAddress(int c) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 1, (byte) (c + 1)});
    }

    private static List<String> serveJvm(Path gcLog) {
        List<String> jvm = new ArrayList<>(SERVE_JVM);
        jvm.add(HeapWatch.gcLogOption(gcLog));
        return jvm;
    }

    private static boolean matches(VaultAudit.Listed l, PracticeClient.Confirmed c) {
        DocumentInfo d = l.info();
        return d.submission().equals(c.submission()) && d.name().equals(c.name()) && d.size() == c.size()
                && d.sha256().equals(c.sha256()) && l.decryptedSha256().equals(c.sha256());
    }

}
