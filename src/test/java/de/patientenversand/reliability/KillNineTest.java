package de.patientenversand.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.upload.RawHttp;
import de.patientenversand.vault.DocumentInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the real {@code serve} process in the middle of an upload, at every point of
 * {@link KillPoint#catalogue()} (parse, encrypt, fsync, rename, commit), one vault through all
 * rounds. Each round: start serve, upload some documents to a 201 receipt, arm the point, send
 * one more upload, SIGKILL the process where the point stopped it. Then, as the patient would:
 * {@code verify} passes; every document the practice holds a receipt for is listed and decrypts
 * to exactly the bytes of the receipt's SHA-256; every other listed document is a whole copy of
 * one the killed upload was sending (a crash leaves a whole document or nothing); no partial
 * is left; and no file in the data dir or serve's java.io.tmpdir holds a plaintext byte pattern.
 *
 * <p>The short version runs every point once. {@code -Dpv.long=true} adds random rounds: random
 * points, random numbers of uploads before the kill.
 */
@DisplayName("kill -9 of serve during uploads")
class KillNineTest {
    private static final String SUITE = "kill9";
    private static final int LONG_RANDOM_ROUNDS = 120;

    @TempDir
    Path dir;

    private final String marker = "PV-PLAIN-" + HexFormat.of().formatHex(SecureRandom.getSeed(8));
    private final List<PracticeClient.Confirmed> confirmed = new ArrayList<>();
    /** Documents sent by killed uploads: each may be listed (whole), or not at all. */
    private final List<PracticeClient.Doc> inFlight = new ArrayList<>();
    /** Rounds after which a document of the killed upload was listed (whole), and after which none was. */
    private int victimKept;
    private int victimGone;
    private int docNumber;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    @DisplayName("at every point of an upload: verify passes, every receipt's document is there byte for byte, "
            + "nothing half is listed, no plaintext on disk")
    void killAtEveryPoint() throws Exception {
        Path data = dir.resolve("data");
        Path javaTmp = Files.createDirectories(dir.resolve("java-tmp"));
        Path stderr = dir.resolve("serve-stderr.txt");
        Files.createFile(stderr);
        VaultAudit audit = VaultAudit.create(data, dir);
        String linkPath = audit.createLinkPath("Praxis Dr. Muster");

        List<KillPoint> rounds = new ArrayList<>(KillPoint.catalogue());
        long seed = Long.getLong("pv.seed", System.nanoTime());
        Random random = new Random(seed);
        if (Boolean.getBoolean("pv.long")) {
            for (int i = 0; i < LONG_RANDOM_ROUNDS; i++) {
                rounds.add(rounds.get(random.nextInt(KillPoint.catalogue().size())));
            }
        }
        int survived = 0;
        for (int round = 0; round < rounds.size(); round++) {
            KillPoint point = rounds.get(round);
            int before = round < KillPoint.catalogue().size() ? round % 3 : random.nextInt(4);
            String context = "round " + round + " (seed " + seed + "), " + point;
            ReliabilityLedger.record(SUITE, ReliabilityLedger.FAULTS_INJECTED, 1);
            int victimsBefore = inFlight.size();
            long t0 = System.nanoTime();
            String haltedAt = killDuring(point, before, data, javaTmp, stderr, linkPath, context);
            long t1 = System.nanoTime();
            List<PracticeClient.Doc> victims = inFlight.subList(victimsBefore, inFlight.size());
            int kept = auditAfterKill(audit, javaTmp, stderr, context, victims);
            long t2 = System.nanoTime();
            if (kept > 0) {
                victimKept++;
            } else {
                victimGone++;
            }
            System.out.println(context + ": " + before + " uploads before, halted at " + haltedAt + "; "
                    + kept + " of " + victims.size() + " documents of the killed upload listed whole"
                    + " (serve " + (t1 - t0) / 1_000_000 + " ms, checks " + (t2 - t1) / 1_000_000 + " ms)");
            ReliabilityLedger.record(SUITE, ReliabilityLedger.FAULTS_SURVIVED, 1);
            survived++;
        }
        assertThat(survived).isEqualTo(rounds.size()).isGreaterThanOrEqualTo(20);
        assertThat(victimKept).as("kills after the document was durable").isPositive();
        assertThat(victimGone).as("kills before the document was durable").isPositive();
        assertThat(confirmed).as("uploads confirmed before kills").hasSizeGreaterThanOrEqualTo(20);
        List<VaultAudit.Listed> inbox = audit.inbox();
        long intact = confirmed.stream().filter(c -> inbox.stream().anyMatch(l -> matches(l, c))).count();
        ReliabilityLedger.record(SUITE, ReliabilityLedger.DOCS_CONFIRMED, confirmed.size());
        ReliabilityLedger.record(SUITE, ReliabilityLedger.DOCS_INTACT, intact);
        assertThat(intact).isEqualTo(confirmed.size());
    }

    /** One round: serve starts, {@code before} uploads get receipts, the victim upload is killed at the point. */
    private String killDuring(KillPoint point, int before, Path data, Path javaTmp, Path stderr, String linkPath,
                              String context) throws Exception {
        try (ForkedServe serve = ForkedServe.debugged(data, javaTmp, stderr)) {
            PracticeClient practice = new PracticeClient(serve.port(), linkPath);
            for (int i = 0; i < before; i++) {
                PracticeClient.Doc doc = nextDoc(4_000 + 3_000 * i);
                RawHttp.Response r = i % 2 == 0 ? practice.multipart(sender(), List.of(doc))
                        : practice.tus(sender(), doc, 16 * 1024);
                assertThat(r.status()).as(context + ": upload before the kill: " + r.body()).isEqualTo(201);
                List<PracticeClient.Confirmed> got = PracticeClient.confirmed(r);
                assertThat(got).extracting(PracticeClient.Confirmed::sha256).containsExactly(doc.sha256());
                confirmed.addAll(got);
            }
            List<PracticeClient.Doc> victim = switch (point.upload()) {
                case MULTIPART, TUS -> List.of(nextDoc(256 * 1024));
                case MULTIPART_TWO_FILES -> List.of(nextDoc(20_000), nextDoc(30_000));
            };
            inFlight.addAll(victim);
            serve.arm(point);
            CompletableFuture<RawHttp.Response> sending = CompletableFuture.supplyAsync(() -> {
                try {
                    return point.upload() == KillPoint.Upload.TUS ? practice.tus(sender(), victim.getFirst(), 64 * 1024)
                            : practice.multipart(sender(), victim);
                } catch (IOException e) {
                    return null; // the server died under the request: no receipt
                }
            });
            assertThat(serve.awaitHalt(60)).as(context + ": the point was reached; serve said " + serve.stdout())
                    .isTrue();
            String haltedAt = serve.haltedAt();
            serve.kill();
            RawHttp.Response answer = sending.get(60, TimeUnit.SECONDS);
            if (answer != null && answer.status() == 201) {
                confirmed.addAll(PracticeClient.confirmed(answer)); // cannot happen before the kill; kept honest
            }
            return haltedAt;
        }
    }

    /** The checks after one kill; returns how many documents of the killed upload are listed. */
    private int auditAfterKill(VaultAudit audit, Path javaTmp, Path stderr, String context,
                               List<PracticeClient.Doc> victims) throws IOException {
        VaultAudit.Cli verify = audit.verify();
        assertThat(verify.code()).as(context + ": verify\n" + verify).isZero();
        List<VaultAudit.Listed> inbox = audit.inbox();
        for (PracticeClient.Confirmed c : confirmed) {
            assertThat(inbox).as(context + ": the document of a receipt, byte for byte: " + c)
                    .anyMatch(l -> matches(l, c));
        }
        for (VaultAudit.Listed l : inbox) {
            DocumentInfo d = l.info();
            assertThat(d.state()).as(context + ": state of " + d.id()).isEqualTo("ok");
            assertThat(l.decryptedSha256()).as(context + ": decrypted " + d.id()).isEqualTo(d.sha256());
            boolean receipted = confirmed.stream().anyMatch(c -> matches(l, c));
            boolean wholeInFlight = inFlight.stream()
                    .anyMatch(doc -> doc.name().equals(d.name()) && doc.sha256().equals(l.decryptedSha256()));
            assertThat(receipted || wholeInFlight)
                    .as(context + ": listed document " + d.id() + " is one with a receipt or a whole one in flight")
                    .isTrue();
        }
        assertThat(audit.partials()).as(context + ": partial uploads left").isEmpty();
        audit.assertNoPlaintext(marker, audit.dataDir(), javaTmp);
        assertThat(Files.readString(stderr, StandardCharsets.UTF_8)).as("serve's log").doesNotContain(marker);
        return (int) victims.stream().filter(v -> inbox.stream().anyMatch(l -> l.info().name().equals(v.name())
                && l.decryptedSha256().equals(v.sha256()))).count();
    }

    private static boolean matches(VaultAudit.Listed l, PracticeClient.Confirmed c) {
        DocumentInfo d = l.info();
        return d.submission().equals(c.submission()) && d.name().equals(c.name()) && d.size() == c.size()
                && d.sha256().equals(c.sha256()) && l.decryptedSha256().equals(c.sha256());
    }

    private PracticeClient.Doc nextDoc(int size) {
        int n = ++docNumber;
        return PracticeClient.document(marker, "Befund-" + n + (n % 2 == 0 ? ".pdf" : ".txt"), size, n);
    }

    private String sender() {
        return "Praxis " + marker;
    }
}
