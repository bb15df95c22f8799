package de.patientenversand.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.launcher.Main;
import de.patientenversand.ui.common.VaultAccess;
import de.patientenversand.vault.DocumentInfo;
import de.patientenversand.vault.DocumentSink;
import de.patientenversand.vault.IncomingDocument;
import de.patientenversand.vault.Inbox;
import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.UnlockedVault;
import de.patientenversand.vault.Unlocker;
import de.patientenversand.vault.VaultCreator;
import de.patientenversand.vault.VerifyReport;
import de.patientenversand.vault.WriteSide;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Issue #9 item 4, "Scale of the inbox": a vault with N (default 10 000) small documents written
 * through the real write side (as {@code serve} writes them: sealed metadata in the row and beside
 * the blob), then medians of what the patient waits for:
 * <ul>
 *   <li>the Argon2 unwrap with the production parameters, measured on its own (an empty vault);</li>
 *   <li>unlock + list as the app's inbox does it: {@code AppVault.unlock} (the launcher's
 *       {@link VaultAccess}, which also runs automatic deletion), {@link Inbox#adoptNew()},
 *       {@link Inbox#documents()} and the inbox's grouping into submissions
 *       ({@code ui.inbox.Submission.group}); the bench vault uses cheap Argon2 parameters
 *       (1 MiB, 1 pass) so this figure excludes the Argon2 step, which is reported separately;</li>
 *   <li>{@code inbox list --json} in-process (unlock, adopt, list, JSON);</li>
 *   <li>the same unlock + list right after new uploads (documents not yet adopted or cached);</li>
 *   <li>the first unlock + list in a fresh JVM, as after starting the app (JVM start not counted);</li>
 *   <li>the inbox search (the predicate the search field applies to every submission);</li>
 *   <li>{@code verify} in-process (decrypts every document).</li>
 * </ul>
 * Prints Markdown table rows ({@code | what | median ms | goal | met/missed |}) to stdout and
 * progress to stderr. Not a test: {@code bench/run.sh} calls it.
 *
 * <p>Arguments: [document count, default 10000] [runs, default 3] [a folder to keep the filled
 * vault in and reuse on later runs, for profiling; default: a temporary folder, deleted].
 */
public final class InboxScaleBench {
    private static final String PASSPHRASE = "ein langer Satz für den Benchmark";
    private static final KdfParams CHEAP = new KdfParams(1024, 1, 1);
    /** Documents per submission cycle through 1..MAX_PER_SUBMISSION. */
    private static final int MAX_PER_SUBMISSION = 4;
    /** New uploads before each "first unlock after upload" run. */
    private static final int NEW_PER_RUN = 20;
    private static final double UNLOCK_LIST_GOAL_MS = 1000;
    private static final double SEARCH_GOAL_MS = 100;

    private final int count;
    private final int runs;
    private final String label;
    private final Path root;
    private final Path vault;
    private final Path passphraseFile;
    private final List<String> rows = new ArrayList<>();
    private final AtomicInteger serial = new AtomicInteger();

    private final boolean reuse;

    private InboxScaleBench(int count, int runs, Path root, Path keep) {
        this.count = count;
        this.runs = runs;
        this.label = "inbox " + String.format(Locale.GERMAN, "%,d", count).replace('.', ' ') + " documents";
        this.root = root;
        this.vault = keep != null ? keep : root.resolve("vault");
        this.reuse = keep != null && Files.isRegularFile(vault.resolve("recipient.txt"));
        this.passphraseFile = root.resolve("passphrase.txt");
    }

    public static void main(String[] args) throws Throwable {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        // optional: a folder that keeps the filled vault, reused by later runs (for profiling)
        Path keep = args.length > 2 ? Path.of(args[2]).toAbsolutePath() : null;
        Path root = Files.createTempDirectory("pv-inbox-bench");
        try {
            new InboxScaleBench(count, runs, root, keep).run();
        } finally {
            deleteTree(root);
        }
    }

    private void run() throws Throwable {
        Files.writeString(passphraseFile, PASSPHRASE + "\n", StandardCharsets.UTF_8);
        logLoad();
        argon2();

        long t0;
        int expected;
        if (reuse) {
            expected = uiUnlockAndList().documents;
            log("reusing the vault in %s with %d documents", vault, expected);
        } else {
            new VaultCreator(new SecureRandom()).create(vault, PASSPHRASE.toCharArray(), CHEAP);
            t0 = System.nanoTime();
            fill(count);
            double fillMs = ms(t0);
            log("filled %d documents through the write side in %.0f ms (%.2f ms each)", count, fillMs,
                    fillMs / count);
            t0 = System.nanoTime();
            int listed = uiUnlockAndList().documents;
            double firstMs = ms(t0);
            check(listed == count, "first unlock listed " + listed);
            log("first unlock after filling (adopts all %d) took %.0f ms", count, firstMs);
            row("first unlock after filling: adopt all " + count + " + list (once)", firstMs, "—", "—");
            expected = count;
        }

        List<Double> steady = new ArrayList<>();
        List<Double> cli = new ArrayList<>();
        List<Double> afterUpload = new ArrayList<>();
        List<Double> steadyCpu = new ArrayList<>();
        List<Double> afterUploadCpu = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            t0 = System.nanoTime();
            Listing l = uiUnlockAndList();
            steady.add(ms(t0));
            steadyCpu.add(l.cpuMs);
            check(l.documents == expected, "steady listing gave " + l.documents);

            String json = cliList(cli);
            int listedJson = new ObjectMapper().readTree(json).size();
            check(listedJson == expected, "inbox list --json gave " + listedJson);

            fill(NEW_PER_RUN);
            expected += NEW_PER_RUN;
            t0 = System.nanoTime();
            l = uiUnlockAndList();
            afterUpload.add(ms(t0));
            afterUploadCpu.add(l.cpuMs);
            check(l.documents == expected, "listing after upload gave " + l.documents);
            check(l.adopted == NEW_PER_RUN, "adopted " + l.adopted + " after upload");
        }
        goalRow(String.format(Locale.ROOT, "unlock (excl. Argon2) + list, steady state (all adopted; thread CPU %.0f ms)",
                median(steadyCpu)), median(steady), UNLOCK_LIST_GOAL_MS);
        goalRow(String.format(Locale.ROOT, "unlock (excl. Argon2) + list after %d new uploads (adopt + list; thread CPU "
                + "%.0f ms)", NEW_PER_RUN, median(afterUploadCpu)), median(afterUpload), UNLOCK_LIST_GOAL_MS);
        goalRow("`inbox list --json` in-process, steady state", median(cli), UNLOCK_LIST_GOAL_MS);
        cold(expected);

        search(expected);
        verify(expected);
        logLoad();
        rows.forEach(System.out::println);
        System.out.flush();
    }

    /** The Argon2 unwrap with production parameters: unlock of an empty vault, minus nothing. */
    private void argon2() throws IOException {
        Path dir = root.resolve("argon2");
        new VaultCreator(new SecureRandom()).create(dir, PASSPHRASE.toCharArray(), KdfParams.production());
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            try (UnlockedVault v = new Unlocker(new SecureRandom()).withPassphrase(dir, PASSPHRASE.toCharArray())) {
                times.add(ms(t0));
                check(v.documents().isEmpty(), "empty vault");
            }
        }
        KdfParams p = KdfParams.production();
        row("Argon2id unwrap, production parameters (" + p.memoryKiB() / 1024 + " MiB, t=" + p.iterations()
                + ", p=" + p.parallelism() + "; unlock of an empty vault), reported separately", median(times),
                "—", "—");
    }

    /** Stores {@code n} small documents as serve does, in submissions of 1–4, from two threads. */
    private void fill(int n) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (int left = n, i = 0; left > 0; i++) {
            int size = Math.min(left, 1 + i % MAX_PER_SUBMISSION);
            sizes.add(size);
            left -= size;
        }
        AtomicInteger next = new AtomicInteger();
        try (WriteSide w = WriteSide.open(vault)) {
            DocumentSink sink = w.documents();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    jobs.add(pool.submit(() -> {
                        Random random = new Random();
                        for (int i; (i = next.getAndIncrement()) < sizes.size(); ) {
                            String submission = sink.openSubmission("link-bench");
                            for (int d = 0; d < sizes.get(i); d++) {
                                int k = serial.incrementAndGet();
                                byte[] content = new byte[512 + random.nextInt(3584)];
                                random.nextBytes(content);
                                System.arraycopy(PDF, 0, content, 0, PDF.length);
                                sink.store(new ByteArrayInputStream(content), new IncomingDocument(submission,
                                        "link-bench", "Praxis Dr. Muster", String.format("Befund-%06d.pdf", k),
                                        "application/pdf", "Dr. Muster " + (k % 50), "Ihr Befund vom Labor"));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : jobs) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    private static final byte[] PDF = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);

    private record Listing(int documents, int adopted, List<?> submissions, double cpuMs) {
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
            .getThreadMXBean();

    /** CPU time of this thread (the inbox's load runs on one thread), to tell work from waiting on a busy machine. */
    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /**
     * What the app does from the unlock button to a filled inbox: {@code AppVault.unlock} (as the
     * UI's VaultAccess), then the inbox's background load ({@code InboxView.refresh(true)}:
     * adoptNew + documents) and the grouping it shows.
     */
    private Listing uiUnlockAndList() throws Exception {
        Listing l = unlockAndList(vault);
        lastSubmissions = l.submissions();
        return l;
    }

    private static Listing unlockAndList(Path vault) throws Exception {
        VaultAccess access = appVault(vault);
        long c0 = cpu();
        long t0 = System.nanoTime();
        VaultAccess.Unlocked unlocked = access.unlock(PASSPHRASE.toCharArray());
        long t1 = System.nanoTime();
        try (Inbox inbox = unlocked.inbox()) {
            check(unlocked.recipientMatches(), "recipient matches");
            int adopted = inbox.adoptNew();
            long t2 = System.nanoTime();
            List<DocumentInfo> docs = inbox.documents();
            long t3 = System.nanoTime();
            List<?> submissions = group(docs);
            long t4 = System.nanoTime();
            double cpuMs = (cpu() - c0) / 1e6;
            log("  unlock %.0f ms, adoptNew (%d) %.0f ms, documents (%d) %.0f ms, group %.0f ms; thread CPU %.0f ms",
                    (t1 - t0) / 1e6, adopted, (t2 - t1) / 1e6, docs.size(), (t3 - t2) / 1e6, (t4 - t3) / 1e6, cpuMs);
            return new Listing(docs.size(), adopted, submissions, cpuMs);
        }
    }

    private List<?> lastSubmissions;

    /** {@code inbox list --json} in-process; adds its time (the command alone, not our parsing) to {@code times}. */
    private String cliList(List<Double> times) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "inbox", "list", "--json", "--data-dir",
                vault.toString(), "--passphrase-file", passphraseFile.toString());
        times.add(ms(t0));
        check(code == 0, "inbox list exit " + code);
        return out.toString();
    }

    /**
     * The first unlock after the app starts runs in a JVM that has not yet loaded or compiled the
     * vault's code: unlock + list measured inside a fresh JVM each run (JVM start not counted).
     */
    private void cold(int documents) throws Exception {
        List<Double> wall = new ArrayList<>();
        List<Double> cpuTimes = new ArrayList<>();
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int i = 0; i < runs; i++) {
            Process p = new ProcessBuilder(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), Cold.class.getName(), vault.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            check(p.waitFor() == 0, "cold unlock exit " + p.exitValue());
            String[] f = out.substring(out.lastIndexOf("COLD ")).split(" ");
            wall.add(Double.parseDouble(f[1]));
            cpuTimes.add(Double.parseDouble(f[2]));
            check(Integer.parseInt(f[3]) == documents, "cold unlock listed " + f[3]);
        }
        goalRow(String.format(Locale.ROOT, "unlock (excl. Argon2) + list, first in a fresh JVM as after starting "
                + "the app (thread CPU %.0f ms)", median(cpuTimes)), median(wall), UNLOCK_LIST_GOAL_MS);
    }

    /** Child JVM of {@link #cold}: one unlock + list; prints {@code COLD wallMs cpuMs documents}. */
    public static final class Cold {
        private Cold() {
        }

        public static void main(String[] args) throws Exception {
            long c0 = cpu();
            long t0 = System.nanoTime();
            Listing l = unlockAndList(Path.of(args[0]));
            System.out.printf(Locale.ROOT, "COLD %.1f %.1f %d%n", ms(t0), (cpu() - c0) / 1e6, l.documents());
        }
    }

    /** The search field: the predicate is applied to every submission at each keystroke. */
    private void search(int documents) throws Throwable {
        uiUnlockAndList();
        List<?> submissions = lastSubmissions;
        MethodHandle matches = submissionMatches();
        String[][] queries = {
            {"a name that matches one document", String.format("Befund-%06d", count / 2)},
            {"a sender that matches a fiftieth", "dr. muster 7"},
            {"no match", "röntgen xyz"},
        };
        for (String[] q : queries) {
            List<Double> times = new ArrayList<>();
            int hits = 0;
            for (int i = 0; i < Math.max(runs, 5); i++) {
                long t0 = System.nanoTime();
                hits = 0;
                for (Object s : submissions) {
                    if ((boolean) matches.invoke(s, q[1])) {
                        hits++;
                    }
                }
                times.add(ms(t0));
            }
            check(!"no match".equals(q[0]) || hits == 0, "no-match query matched " + hits);
            check("no match".equals(q[0]) || hits > 0, q[0] + " matched nothing");
            log("search '%s': %d of %d submissions", q[0], hits, submissions.size());
            goalRow("search, " + q[0] + " (" + hits + " of " + submissions.size() + " submissions)",
                    median(times), SEARCH_GOAL_MS);
        }
    }

    private void verify(int documents) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            long t0 = System.nanoTime();
            int code = Main.run(new PrintWriter(out), new PrintWriter(err), "verify", "--data-dir", vault.toString(),
                    "--passphrase-file", passphraseFile.toString());
            times.add(ms(t0));
            check(code == 0, "verify exit " + code + ": " + err);
        }
        // and the API alone, to tell the command's own cost from the checks
        try (UnlockedVault v = new Unlocker(new SecureRandom()).withPassphrase(vault, PASSPHRASE.toCharArray())) {
            long t0 = System.nanoTime();
            VerifyReport r = v.verify();
            log("UnlockedVault.verify() alone: %.0f ms, %d ok of %d", ms(t0), r.ok(), r.total());
            check(r.ok() == documents, "verify ok " + r.ok());
        }
        row("`verify` in-process (decrypts every document and its metadata)", median(times), "—", "reported");
    }

    private static VaultAccess appVault(Path vault) throws ReflectiveOperationException {
        Class<?> c = Class.forName("de.patientenversand.launcher.AppVault");
        Constructor<?> k = c.getDeclaredConstructor(Path.class, KdfParams.class);
        k.setAccessible(true);
        return (VaultAccess) k.newInstance(vault, CHEAP);
    }

    private static List<?> group(List<DocumentInfo> docs) throws ReflectiveOperationException {
        Method m = Class.forName("de.patientenversand.ui.inbox.Submission").getDeclaredMethod("group", List.class);
        m.setAccessible(true);
        return (List<?>) m.invoke(null, docs);
    }

    private static MethodHandle submissionMatches() throws ReflectiveOperationException {
        Class<?> c = Class.forName("de.patientenversand.ui.inbox.Submission");
        Method m = c.getDeclaredMethod("matches", String.class);
        m.setAccessible(true);
        return MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(boolean.class, Object.class,
                String.class));
    }

    private void goalRow(String what, double ms, double goalMs) {
        row(what, ms, String.format(Locale.ROOT, "< %.0f ms", goalMs), ms < goalMs ? "met" : "missed");
    }

    private void row(String what, double ms, String goal, String verdict) {
        String line = String.format(Locale.ROOT, "| %s: %s | %.0f | %s | %s |", label, what, ms, goal, verdict);
        log("%s", line);
        rows.add(line);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark check failed: " + what);
        }
    }

    /** The machine's load average (other builds share it), so a slow figure can be read for what it is. */
    private static void logLoad() {
        try {
            log("%d cores, load average %s", Runtime.getRuntime().availableProcessors(),
                    Files.readString(Path.of("/proc/loadavg")).strip());
        } catch (IOException | RuntimeException e) {
            log("%d cores", Runtime.getRuntime().availableProcessors());
        }
    }

    private static void log(String format, Object... args) {
        System.err.println("[inbox-bench] " + String.format(Locale.ROOT, format, args));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
