package de.patientenversand.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark of issue #9 (items 1, 2, 3, 5; item 4 comes from {@code InboxScaleBench} when it
 * is on the class path). Started by {@code bench/run.sh}; see docs/BENCHMARKS.md for what each
 * row measures. Every server gets the same client ({@code curl}) and the same 50 MiB file; the
 * variants of one run follow each other (in a rotating order), so a ratio compares figures taken
 * seconds apart under the same load.
 */
public final class Bench {
    static final long MIB = 1024 * 1024;
    static final long FILE_BYTES = 50 * MIB;
    static final int TUS_CHUNK = (int) (4 * MIB); // web/src/upload.js CHUNK_SIZE
    static final Pattern LISTENING = Pattern.compile("Listening on (http://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options opt;
    private final Path work;
    private final Path javaBin;
    private final Path jar;
    private final Table table = new Table();
    private final List<String> notes = new ArrayList<>();
    private Path input;
    private String inputSha;
    private final List<Path> chunks = new ArrayList<>();
    /** Parts of the tus path: the closing request (receipt) and the two curls before the PATCHes. */
    private final List<Double> tusComplete = new ArrayList<>();
    private final List<Double> tusOpenCreate = new ArrayList<>();

    record Options(int runs, int startRuns, boolean gui, boolean onionshare, boolean memory, boolean inbox, Path jar) {
        static Options parse(String[] args) {
            int runs = 5;
            int startRuns = -1;
            boolean gui = true;
            boolean onion = true;
            boolean memory = true;
            boolean inbox = true;
            Path jar = Path.of("target/patientenversand.jar");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--runs" -> runs = Integer.parseInt(args[++i]);
                    case "--start-runs" -> startRuns = Integer.parseInt(args[++i]);
                    case "--no-gui" -> gui = false;
                    case "--no-onionshare" -> onion = false;
                    case "--no-memory" -> memory = false;
                    case "--no-inbox" -> inbox = false;
                    case "--jar" -> jar = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (--runs N, --start-runs N, --no-gui, --no-onionshare, --no-memory, --no-inbox, --jar F)");
                }
            }
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1");
            }
            return new Options(runs, startRuns < 0 ? runs : startRuns, gui, onion, memory, inbox, jar.toAbsolutePath());
        }
    }

    private Bench(Options opt, Path work) {
        this.opt = opt;
        this.work = work;
        this.javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        this.jar = opt.jar();
    }

    public static void main(String[] args) throws Exception {
        Options opt = Options.parse(args);
        Path work = Files.createTempDirectory("pv-bench");
        try {
            new Bench(opt, work).run();
        } finally {
            deleteTree(work);
        }
    }

    private void run() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn -B -DskipTests package first");
        }
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        Instant started = Instant.now();
        log("work dir " + work + ", " + opt.runs() + " runs");
        makeInput();
        if (opt.startRuns() > 0) {
            startup();
        }
        uploads();
        if (opt.memory()) {
            memory();
        }
        String inbox = opt.inbox() ? inboxScale() : "(skipped with --no-inbox)\n";
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
        StringBuilder out = new StringBuilder();
        out.append("## Benchmark run ").append(started).append("\n\n");
        out.append(machine(loadBefore, loadAfter)).append('\n');
        out.append(table.markdown()).append('\n');
        out.append("### Item 4: inbox scale (InboxScaleBench)\n\n").append(inbox).append('\n');
        if (!notes.isEmpty()) {
            out.append("Notes:\n");
            notes.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        System.out.print(out);
        System.out.flush();
    }

    // ---------------------------------------------------------------- the input

    /** 50 MiB that Tika takes for a PDF (the magic bytes) and that no step can compress. */
    private void makeInput() throws Exception {
        input = work.resolve("befund.pdf");
        byte[] data = new byte[(int) FILE_BYTES];
        new SplittableRandom(9).nextBytes(data);
        byte[] head = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, data, 0, head.length);
        Files.write(input, data);
        inputSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        for (int off = 0, i = 0; off < data.length; off += TUS_CHUNK, i++) {
            Path c = work.resolve(String.format("chunk-%02d", i));
            Files.write(c, Arrays.copyOfRange(data, off, Math.min(data.length, off + TUS_CHUNK)));
            chunks.add(c);
        }
    }

    // ---------------------------------------------------------------- servers

    private Path newVault(String name) throws Exception {
        Path dir = work.resolve(name);
        Exec.Result r = Exec.run(List.of(javaBin.toString(), "-Dpv.test.cheapKdf=true", "-jar", jar.toString(),
                "--data-dir", dir.toString(), "init"), work, Map.of("PATIENTENVERSAND_PASSPHRASE", "bench-passphrase-9"));
        r.requireExit(0, "init");
        return dir;
    }

    /** {@code serve} as the app starts it (ServeChild: -Xmx256m), from the jar. */
    private Proc serve(Path vault, List<String> jvmFlags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaBin.toString(), "-Xmx256m"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-jar", jar.toString(), "serve", "--data-dir", vault.toString(), "--port", "0"));
        return Proc.start(cmd, Map.of(), work);
    }

    private String link(Path vault) throws Exception {
        Exec.Result r = Exec.run(List.of(javaBin.toString(), "-jar", jar.toString(), "link", "create",
                "--data-dir", vault.toString(), "--label", "Praxis Bench"), work, Map.of());
        r.requireExit(0, "link create");
        return r.out().lines().filter(l -> l.startsWith("http")).findFirst().orElseThrow().strip();
    }

    private Proc nullServer() throws Exception {
        return Proc.start(List.of(javaBin.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                NullUploadServer.class.getName(), "0"), Map.of(), work);
    }

    // ---------------------------------------------------------------- items 1 and 2

    record Sample(double millis, double serverCpuMillis) {
    }

    private void uploads() throws Exception {
        Path vault = newVault("vault-upload");
        String recipient = Files.readString(vault.resolve("recipient.txt")).strip();
        try (Proc serve = serve(vault, List.of()); Proc nul = nullServer()) {
            serve.await(LISTENING, Duration.ofSeconds(60));
            String link = link(vault);
            String nullUrl = nul.await(LISTENING, Duration.ofSeconds(60)).group(1) + "/upload";
            OnionShare onion = opt.onionshare() ? OnionShare.start(work) : OnionShare.missing("--no-onionshare");
            try {
                boolean age = Exec.onPath("age");
                if (!age) {
                    notes.add("`age` is not installed (Debian: apt-get install -y age): row 1b not run");
                }
                // warm-up, not counted: the first upload after start runs on a cold JIT
                Sample cold = multipart(serve, link + "/upload", true);
                multipart(serve, link + "/upload", true);
                tus(serve, link);
                multipart(nul, nullUrl, false);
                multipart(nul, nullUrl, false);
                if (onion.available()) {
                    onion.upload(input);
                }
                Map<String, List<Double>> ms = new LinkedHashMap<>();
                Map<String, List<Double>> cpu = new LinkedHashMap<>();
                for (int run = 0; run < opt.runs(); run++) {
                    List<String> order = new ArrayList<>(List.of("ours", "null", "age", "onion", "tus"));
                    Collections.rotate(order, -run);
                    for (String v : order) {
                        Sample s = switch (v) {
                            case "ours" -> multipart(serve, link + "/upload", true);
                            case "null" -> multipart(nul, nullUrl, false);
                            case "age" -> age ? ageEncrypt(recipient) : null;
                            case "onion" -> onion.available() ? onion.upload(input) : null;
                            case "tus" -> tus(serve, link);
                            default -> throw new IllegalStateException(v);
                        };
                        if (s != null) {
                            ms.computeIfAbsent(v, k -> new ArrayList<>()).add(s.millis());
                            cpu.computeIfAbsent(v, k -> new ArrayList<>()).add(s.serverCpuMillis());
                        }
                    }
                    log("upload run " + (run + 1) + "/" + opt.runs() + ": " + lastOf(ms));
                }
                List<Double> ours = ms.get("ours");
                table.add("1", "50 MiB multipart upload, whole pipeline (serve, curl)", ours, "ms", "", null);
                table.add("1", "  serve CPU (user+sys) per upload", cpu.get("ours"), "ms", "", null);
                table.add("1", "  first upload after start (cold JIT), 1 sample", List.of(cold.millis()), "ms", "", null);
                table.add("1a", "same upload to a do-nothing Undertow endpoint", ms.get("null"), "ms", "", null);
                table.add("1a", "  ours ÷ do-nothing (per run)", Table.ratios(ours, ms.get("null")), "×", "", null);
                if (age) {
                    table.add("1b", "`age -r age1… -o out in` (Debian age " + Exec.version("age", "--version") + ")",
                            ms.get("age"), "ms", "", null);
                    table.add("1b", "  age CPU (user+sys)", cpu.get("age"), "ms", "", null);
                    table.add("1b", "  ours ÷ age (per run)", Table.ratios(ours, ms.get("age")), "×", "≤ 2×", r -> r <= 2.0);
                } else {
                    table.skip("1b", "`age` encrypting the file", "age not installed (apt-get install -y age)");
                }
                if (onion.available()) {
                    table.add("1c", "OnionShare receive mode (onionshare-cli " + onion.version() + ", plaintext, no fsync)",
                            ms.get("onion"), "ms", "", null);
                    table.add("1c", "  onionshare CPU per upload", cpu.get("onion"), "ms", "", null);
                    table.add("1c", "  ours ÷ OnionShare (per run)", Table.ratios(ours, ms.get("onion")), "×", "< 1×", r -> r < 1.0);
                } else {
                    table.skip("1c", "OnionShare receive mode", onion.reason());
                    notes.add("OnionShare not run: " + onion.reason());
                }
                table.add("2", "same file through the page's tus path (4 MiB PATCHes, curl)", ms.get("tus"), "ms", "", null);
                table.add("2", "  tus ÷ multipart (per run)", Table.ratios(ms.get("tus"), ours), "×", "< 1.15×", r -> r < 1.15);
                table.add("2", "  serve CPU per tus upload", cpu.get("tus"), "ms", "", null);
                int warm = tusComplete.size() - opt.runs();
                table.add("2", "  of which: open submission + create (2 curl runs)", tusOpenCreate.subList(warm, tusOpenCreate.size()), "ms", "", null);
                table.add("2", "  of which: closing the submission (receipt)", tusComplete.subList(warm, tusComplete.size()), "ms", "", null);
            } finally {
                onion.close();
            }
        }
    }

    private static String lastOf(Map<String, List<Double>> ms) {
        StringBuilder b = new StringBuilder();
        ms.forEach((k, v) -> b.append(k).append('=').append(Math.round(v.get(v.size() - 1))).append("ms "));
        return b.toString();
    }

    /** One multipart POST with curl; for serve, checks the receipt's SHA-256. */
    private Sample multipart(Proc server, String url, boolean receipt) throws Exception {
        Path body = work.resolve("answer.json");
        long cpu0 = server.cpuMillis();
        Exec.Result r = Exec.run(List.of("curl", "-sS", "-o", body.toString(), "-w", "%{http_code}",
                "-F", "file=@" + input + ";type=application/pdf", url), work, Map.of());
        long cpu1 = server.cpuMillis();
        r.requireExit(0, "curl");
        if (!r.out().strip().equals("201")) {
            throw new IllegalStateException("upload answered " + r.out() + ": " + Files.readString(body));
        }
        if (receipt) {
            JsonNode file = JSON.readTree(body.toFile()).path("files").path(0);
            if (!inputSha.equals(file.path("sha256").asText()) || file.path("size").asLong() != FILE_BYTES) {
                throw new IllegalStateException("receipt does not match the file: " + Files.readString(body));
            }
        }
        return new Sample(r.millis(), cpu1 - cpu0);
    }

    /**
     * The page's path (web/src/upload.js): open a submission, create a tus upload with its
     * metadata, PATCH 4 MiB chunks on one kept-alive connection, close the submission. Three
     * curl processes; the time is their sum from the first request to the receipt.
     */
    private Sample tus(Proc serve, String link) throws Exception {
        long cpu0 = serve.cpuMillis();
        Exec.Result open = Exec.run(List.of("curl", "-sS", "-H", "Content-Type: application/json",
                "--data-binary", "{\"sender\":\"\",\"message\":\"\"}", link + "/submissions"), work, Map.of());
        open.requireExit(0, "curl submissions");
        String submission = JSON.readTree(open.out()).path("submission").asText();
        Base64.Encoder b64 = Base64.getEncoder();
        String metadata = "filename " + b64.encodeToString("befund.pdf".getBytes(StandardCharsets.UTF_8))
                + ",filetype " + b64.encodeToString("application/pdf".getBytes(StandardCharsets.UTF_8))
                + ",submission " + b64.encodeToString(submission.getBytes(StandardCharsets.UTF_8));
        Exec.Result create = Exec.run(List.of("curl", "-sS", "-o", "/dev/null", "-D", "-", "-X", "POST",
                "-H", "Tus-Resumable: 1.0.0", "-H", "Upload-Length: " + FILE_BYTES, "-H", "Upload-Metadata: " + metadata,
                link + "/tus/"), work, Map.of());
        create.requireExit(0, "curl tus create");
        Matcher loc = Pattern.compile("(?im)^location:\\s*(\\S+)").matcher(create.out());
        if (!loc.find()) {
            throw new IllegalStateException("no Location in tus answer:\n" + create.out());
        }
        String location = loc.group(1);
        if (location.startsWith("/")) {
            location = link.substring(0, link.indexOf("/u/")) + location;
        }
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS"));
        long offset = 0;
        for (Path c : chunks) {
            cmd.addAll(List.of("-o", "/dev/null", "-w", "%{http_code}:%{time_total} ", "-X", "PATCH",
                    "-H", "Tus-Resumable: 1.0.0", "-H", "Upload-Offset: " + offset,
                    "-H", "Content-Type: application/offset+octet-stream", "--data-binary", "@" + c, location, "--next"));
            offset += Files.size(c);
        }
        Path body = work.resolve("receipt.json");
        cmd.addAll(List.of("-o", body.toString(), "-w", "%{http_code}:%{time_total}", "-X", "POST",
                link + "/submissions/" + submission + "/complete"));
        Exec.Result patch = Exec.run(cmd, work, Map.of());
        long cpu1 = serve.cpuMillis();
        patch.requireExit(0, "curl tus patch");
        String[] codes = patch.out().strip().split(" ");
        for (int i = 0; i < codes.length - 1; i++) {
            if (!codes[i].startsWith("204:")) {
                throw new IllegalStateException("tus PATCH answered " + patch.out());
            }
        }
        JsonNode file = JSON.readTree(body.toFile()).path("files").path(0);
        String last = codes[codes.length - 1];
        if (!last.startsWith("201:") || !inputSha.equals(file.path("sha256").asText())) {
            throw new IllegalStateException("tus receipt does not match: " + patch.out() + " " + Files.readString(body));
        }
        tusComplete.add(Double.parseDouble(last.substring(4)) * 1000);
        tusOpenCreate.add(open.millis() + create.millis());
        return new Sample(open.millis() + create.millis() + patch.millis(), cpu1 - cpu0);
    }

    private Sample ageEncrypt(String recipient) throws Exception {
        Path out = work.resolve("out.age");
        Files.deleteIfExists(out);
        Path times = work.resolve("age.time");
        Exec.Result r = Exec.run(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%U %S",
                "age", "-r", recipient, "-o", out.toString(), input.toString()), work, Map.of());
        r.requireExit(0, "age");
        if (Files.size(out) < FILE_BYTES) {
            throw new IllegalStateException("age wrote only " + Files.size(out) + " bytes");
        }
        String[] t = Files.readString(times).strip().split("\\s+");
        return new Sample(r.millis(), (Double.parseDouble(t[t.length - 2]) + Double.parseDouble(t[t.length - 1])) * 1000);
    }

    // ---------------------------------------------------------------- item 3

    private static final Pattern GC_LINE = Pattern.compile("GC\\((\\d+)\\) (Pause [A-Za-z]+).*? (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private void memory() throws Exception {
        Path vault = newVault("vault-memory");
        Path gcLog = work.resolve("gc.log");
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try (Proc serve = serve(vault, List.of("-Xlog:gc:file=" + gcLog))) {
            serve.await(LISTENING, Duration.ofSeconds(60));
            String link = link(vault);
            Thread.sleep(2000);
            double idleRss = serve.statusKib("VmRSS") / 1024.0;
            // one upload, peak resident set during it
            serve.resetPeak();
            multipart(serve, link + "/upload", true);
            double peak1 = serve.statusKib("VmHWM") / 1024.0;
            // the live heap before the 16 uploads: after a full GC
            Exec.run(List.of(jcmd.toString(), Long.toString(serve.pid()), "GC.run"), work, Map.of()).requireExit(0, "jcmd");
            List<long[]> before = gcs(gcLog);
            long baseline = before.get(before.size() - 1)[1];
            long lastId = before.get(before.size() - 1)[0];
            serve.resetPeak();
            List<Process> curls = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < 16; i++) {
                // 16 practices from 16 loopback addresses: serve gives one address 8 requests at a time
                curls.add(new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                        "--interface", "127.0.1." + (i + 1),
                        "-F", "file=@" + input + ";type=application/pdf", link + "/upload")
                        .redirectErrorStream(true).start());
            }
            // full GCs while the uploads run: each one measures the live heap at that moment
            long maxRss = 0;
            int fullGcs = 0;
            while (curls.stream().anyMatch(Process::isAlive)) {
                Exec.run(List.of(jcmd.toString(), Long.toString(serve.pid()), "GC.run"), work, Map.of());
                fullGcs++;
                maxRss = Math.max(maxRss, serve.statusKib("VmRSS"));
            }
            double all16 = (System.nanoTime() - t0) / 1e6;
            double peak16 = Math.max(maxRss, serve.statusKib("VmHWM")) / 1024.0;
            int ok = 0;
            for (Process c : curls) {
                c.waitFor();
                if (new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().equals("201")) {
                    ok++;
                }
            }
            long maxFull = 0;
            long maxAny = 0;
            for (long[] g : gcs(gcLog)) {
                if (g[0] > lastId) {
                    maxAny = Math.max(maxAny, g[1]);
                    if (g[2] == 1) {
                        maxFull = Math.max(maxFull, g[1]);
                    }
                }
            }
            table.add("3", "serve resident memory idle (VmRSS, -Xmx256m)", List.of(idleRss), "MiB", "", null);
            table.add("3", "serve peak resident memory during 1 upload (VmHWM)", List.of(peak1), "MiB", "", null);
            table.add("3", "serve peak resident memory during 16 concurrent uploads (VmHWM)", List.of(peak16), "MiB", "", null);
            table.add("3", "  16 concurrent 50 MiB uploads: all answered (" + ok + "/16 × 201)", List.of(all16), "ms", "", null);
            table.add("3", "live heap growth, 16 concurrent (max after " + fullGcs + " full GCs − idle " + baseline + " MiB)",
                    List.of((double) (maxFull - baseline)), "MiB", "< 32 MiB", g -> g < 32);
            table.add("3", "  upper bound: max heap after any GC in that time − idle",
                    List.of((double) (maxAny - baseline)), "MiB", "", null);
            if (ok != 16) {
                notes.add("only " + ok + " of 16 concurrent uploads answered 201");
            }
        }
    }

    /** Each GC of the log: id, heap after it in MiB, 1 for a full GC (else 0). */
    private static List<long[]> gcs(Path log) throws IOException {
        List<long[]> out = new ArrayList<>();
        for (String l : Files.readAllLines(log)) {
            Matcher m = GC_LINE.matcher(l);
            if (m.find()) {
                out.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(4)),
                        m.group(2).equals("Pause Full") ? 1 : 0});
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- item 5

    private void startup() throws Exception {
        Path vault = newVault("vault-start");
        // as the app starts its serve child (ServeChild.classDataSharing): a class-data archive,
        // written at the first exit; that first start is not counted
        Path archive = work.resolve("cache").resolve("serve.jsa");
        Files.createDirectories(archive.getParent());
        List<String> cds = List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive");
        try (Proc first = serve(vault, cds)) {
            first.await(LISTENING, Duration.ofSeconds(60));
        }
        List<Double> plain = new ArrayList<>();
        List<Double> withArchive = new ArrayList<>();
        for (int i = 0; i < opt.startRuns(); i++) {
            for (boolean a : new boolean[] {i % 2 == 0, i % 2 != 0}) {
                try (Proc serve = serve(vault, a ? cds : List.of())) {
                    serve.await(LISTENING, Duration.ofSeconds(60));
                    (a ? withArchive : plain).add(serve.millisToLastMatch());
                }
            }
        }
        table.add("5", "`serve` start to \"Listening on\", `java -Xmx256m -jar … serve` (spawn to line read)", plain, "ms",
                "< 1000 ms", m -> m < 1000);
        table.add("5", "`serve` start as the app starts it (with its class-data archive)", withArchive, "ms",
                "< 1000 ms", m -> m < 1000);
        if (!opt.gui()) {
            table.skip("5", "app window shown under Xvfb", "--no-gui");
            return;
        }
        if (!Exec.onPath("xvfb-run")) {
            table.skip("5", "app window shown under Xvfb", "xvfb-run missing (Debian: apt-get install -y xvfb xauth)");
            return;
        }
        Path guiArchive = work.resolve("cache").resolve("app.jsa");
        List<String> guiCds = List.of("-XX:SharedArchiveFile=" + guiArchive, "-XX:+AutoCreateSharedArchive");
        window(-1, guiCds); // writes the archive, not counted
        List<Double> window = new ArrayList<>();
        List<Double> windowCds = new ArrayList<>();
        for (int i = 0; i < opt.startRuns(); i++) {
            window.add(window(i, List.of()));
            windowCds.add(window(100 + i, guiCds));
        }
        table.add("5", "`java -jar` to the window shown (fresh --data-dir, Xvfb; the app's own log line)", window, "ms",
                "< 2000 ms", m -> m < 2000);
        table.add("5", "  the same with a class-data archive (not shipped: an installer option)", windowCds, "ms", "", null);
    }

    /** One start of the app under Xvfb with a fresh data dir; the ms its log line reports. */
    private double window(int i, List<String> jvmFlags) throws Exception {
        Pattern visible = Pattern.compile("Window visible (\\d+) ms after the process started");
        Path fresh = work.resolve("gui-" + i);
        List<String> cmd = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", javaBin.toString()));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-jar", jar.toString(), "--data-dir", fresh.toString()));
        try (Proc app = Proc.start(cmd, Map.of("HOME", work.resolve("home").toString()), work)) {
            return Double.parseDouble(app.await(visible, Duration.ofSeconds(90)).group(1));
        }
    }

    // ---------------------------------------------------------------- item 4 (another engineer's class)

    private String inboxScale() throws Exception {
        String name = "de.patientenversand.bench.InboxScaleBench";
        try {
            Class.forName(name, false, Bench.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return "InboxScaleBench is not on the test class path: item 4 not run.\n";
        }
        log("item 4: " + name);
        Exec.Result r = Exec.run(List.of(javaBin.toString(), "-cp", System.getProperty("java.class.path"), name),
                work, Map.of());
        if (r.exit() != 0) {
            return r.out() + "\nInboxScaleBench exited with " + r.exit() + ".\n";
        }
        return r.out();
    }

    // ---------------------------------------------------------------- the machine

    private String machine(String loadBefore, String loadAfter) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs (" + cpu + "), "
                + Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ") + "; Java "
                + System.getProperty("java.vm.version") + "; load average (1/5/15 min) at start " + loadBefore.substring(0,
                nthSpace(loadBefore, 3)) + ", at end " + loadAfter.substring(0, nthSpace(loadAfter, 3))
                + "; " + opt.runs() + " runs (start-up: " + opt.startRuns() + ").\n";
    }

    private static int nthSpace(String s, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = s.indexOf(' ', at + 1);
        }
        return at < 0 ? s.length() : at;
    }

    static void log(String s) {
        System.err.println("[bench] " + s);
        System.err.flush();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void sleep(long ms) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(ms);
    }
}
