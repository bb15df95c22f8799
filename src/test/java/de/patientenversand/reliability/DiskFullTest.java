package de.patientenversand.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import de.patientenversand.upload.Body;
import de.patientenversand.upload.RawHttp;
import de.patientenversand.upload.TusClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk of the vault fills up while a practice uploads: the real {@code serve} on a real small
 * file system (tmpfs), filled to the last byte by another program in the middle of the upload.
 */
@DisplayName("disk full during an upload")
class DiskFullTest {
    private static final String SUITE = "diskfull";
    /** serve keeps 200 MB free beyond each file; the disk has a little more, so an upload may start. */
    private static final int DISK_MB = 216;

    @TempDir
    Path dir;

    private final String marker = "PV-PLAIN-" + HexFormat.of().formatHex(SecureRandom.getSeed(8));

    @Test
    @Timeout(180)
    @DisplayName("multipart and tus: 507 with a clear message naming the file, inbox unchanged, no partial left; "
            + "serve keeps running and takes the next upload once space is back")
    void diskFillsDuringUpload() throws Exception {
        StringBuilder why = new StringBuilder();
        SmallDisk disk = SmallDisk.mount(dir.resolve("small"), DISK_MB, why);
        assumeTrue(disk != null, "this test mounts a small tmpfs and needs root (CI runs as root): " + why);
        try (disk) {
            Path data = disk.root().resolve("data");
            Path javaTmp = Files.createDirectories(dir.resolve("java-tmp"));
            Path stderr = Files.createFile(dir.resolve("serve-stderr.txt"));
            VaultAudit audit = VaultAudit.create(data, dir);
            String linkPath = audit.createLinkPath("Praxis Dr. Muster");
            List<PracticeClient.Confirmed> confirmed = new ArrayList<>();
            try (ForkedServe serve = ForkedServe.start(data, javaTmp, stderr)) {
                PracticeClient practice = new PracticeClient(serve.port(), linkPath);
                RawHttp.Response first = practice.multipart(sender(), List.of(doc("Befund-1.pdf", 40_000, 2)));
                assertThat(first.status()).as(first.body()).isEqualTo(201);
                confirmed.addAll(PracticeClient.confirmed(first));
                List<String> inboxBefore = ids(audit);

                // multipart: half of a 2 MB file is in, then the disk is full
                ReliabilityLedger.record(SUITE, ReliabilityLedger.FAULTS_INJECTED, 1);
                PracticeClient.Doc big = doc("Röntgen-Befund.pdf", 2 * 1024 * 1024, 4);
                RawHttp.Response full = multipartFillingDisk(serve.port(), linkPath, big, disk, audit);
                assertRefused(full, "Auf dem Computer der Patientin oder des Patienten ist nicht genug Platz für die Datei "
                        + "»Röntgen-Befund.pdf«");
                awaitNoPartial(audit);
                assertThat(serve.alive()).isTrue();
                // the inbox is read with room on the disk: unlocking records an activity entry
                disk.makeRoom();
                assertThat(ids(audit)).as("inbox after the refused multipart upload").isEqualTo(inboxBefore);
                ReliabilityLedger.record(SUITE, ReliabilityLedger.FAULTS_SURVIVED, 1);

                // the page's tus upload: first PATCH stored, then the disk is full (English page)
                ReliabilityLedger.record(SUITE, ReliabilityLedger.FAULTS_INJECTED, 1);
                RawHttp.Response tusFull = tusFillingDisk(serve.port(), linkPath,
                        doc("Arztbrief.txt", 2 * 1024 * 1024, 5), disk, audit);
                assertRefused(tusFull, "There is not enough space on the patient’s computer for the file \"Arztbrief.txt\"");
                awaitNoPartial(audit);

                // space is back: the same server takes the next upload
                disk.makeRoom();
                assertThat(ids(audit)).as("inbox after the refused tus upload").isEqualTo(inboxBefore);
                assertThat(serve.alive()).as("serve still runs").isTrue();
                assertThat(RawHttp.get(serve.port(), "/health").status()).isEqualTo(200);
                PracticeClient.Doc again = doc("Röntgen-Befund.pdf", 2 * 1024 * 1024, 4);
                RawHttp.Response next = practice.multipart(sender(), List.of(again));
                assertThat(next.status()).as(next.body()).isEqualTo(201);
                confirmed.addAll(PracticeClient.confirmed(next));
                RawHttp.Response nextTus = practice.tus(sender(), doc("Arztbrief.txt", 300_000, 5), 64 * 1024);
                assertThat(nextTus.status()).as(nextTus.body()).isEqualTo(201);
                confirmed.addAll(PracticeClient.confirmed(nextTus));
                ReliabilityLedger.record(SUITE, ReliabilityLedger.FAULTS_SURVIVED, 1);
                assertThat(serve.stop()).isTrue();
            }
            VaultAudit.Cli verify = audit.verify();
            assertThat(verify.code()).as(verify.toString()).isZero();
            List<VaultAudit.Listed> inbox = audit.inbox();
            assertThat(inbox).hasSize(3);
            long intact = confirmed.stream().filter(c -> inbox.stream().anyMatch(l -> l.info().name().equals(c.name())
                    && l.info().submission().equals(c.submission()) && l.decryptedSha256().equals(c.sha256()))).count();
            ReliabilityLedger.record(SUITE, ReliabilityLedger.DOCS_CONFIRMED, confirmed.size());
            ReliabilityLedger.record(SUITE, ReliabilityLedger.DOCS_INTACT, intact);
            assertThat(intact).isEqualTo(confirmed.size()).isEqualTo(3);
            audit.assertNoPlaintext(marker, data, javaTmp);
            assertThat(Files.readString(stderr)).as("serve's log").doesNotContain(marker).doesNotContain("Röntgen");
        }
    }

    /** Sends the head and 1 MB of the body, fills the disk once the partial is on it, sends the rest. */
    private RawHttp.Response multipartFillingDisk(int port, String linkPath, PracticeClient.Doc doc, SmallDisk disk,
                                                  VaultAudit audit) throws Exception {
        byte[] body = new Body().field("sender", sender()).file(doc.name(), doc.bytes()).end().bytes();
        String head = "POST " + linkPath + "/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + Body.TYPE
                + "\r\nAccept: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            int half = 1024 * 1024;
            out.write(body, 0, half);
            out.flush();
            await(() -> partialBytes(audit) > half / 2, "the encrypted partial grows on the small disk");
            assertThat(disk.fill()).containsIgnoringCase("no space left");
            try {
                out.write(body, half, body.length - half);
                out.flush();
            } catch (IOException e) {
                // the server answered and closed early
            }
            return RawHttp.read(s.getInputStream());
        }
    }

    /** The page's flow: submission, tus creation, a first PATCH of 1 MB; the disk fills; the second PATCH. */
    private RawHttp.Response tusFillingDisk(int port, String linkPath, PracticeClient.Doc doc, SmallDisk disk,
                                            VaultAudit audit) throws Exception {
        String open = PracticeClient.JSON.createObjectNode().put("sender", sender()).toString();
        RawHttp.Response created = RawHttp.post(port, linkPath + "/submissions?lang=en", "application/json",
                open.getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String submission = PracticeClient.JSON.readTree(created.body()).path("submission").asText();
        TusClient tus = new TusClient(port, linkPath);
        RawHttp.Response upload = tus.create(doc.bytes().length, "filename " + b64(doc.name()) + ",submission "
                + b64(submission));
        assertThat(upload.status()).isEqualTo(201);
        String path = tus.uploadPath(upload);
        int half = 1024 * 1024;
        RawHttp.Response first = tus.patch(path + "?lang=en", 0, Arrays.copyOfRange(doc.bytes(), 0, half));
        assertThat(first.status()).isEqualTo(204);
        await(() -> partialBytes(audit) > half / 2, "the encrypted partial is on the small disk");
        assertThat(disk.fill()).containsIgnoringCase("no space left");
        return tus.patch(path + "?lang=en", half, Arrays.copyOfRange(doc.bytes(), half, doc.bytes().length));
    }

    private static void assertRefused(RawHttp.Response r, String message) throws IOException {
        assertThat(r.status()).as(r.body()).isEqualTo(507);
        JsonNode json = PracticeClient.JSON.readTree(r.body());
        assertThat(json.path("error").asText()).isEqualTo("insufficient_storage");
        assertThat(json.path("message").asText()).startsWith(message);
    }

    private static void awaitNoPartial(VaultAudit audit) throws Exception {
        await(() -> {
            try {
                return audit.partials().isEmpty();
            } catch (IOException e) {
                return false;
            }
        }, "no partial upload left in tmp/");
    }

    private static long partialBytes(VaultAudit audit) {
        try {
            long n = 0;
            for (Path p : audit.partials()) {
                n += Files.size(p);
            }
            return n;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Polls a condition the server reaches on its own (bounded; a timeout fails the test). */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static List<String> ids(VaultAudit audit) throws IOException {
        return audit.inbox().stream().map(l -> l.info().id()).sorted().toList();
    }

    private PracticeClient.Doc doc(String name, int size, long seed) {
        return new PracticeClient.Doc(name, PracticeClient.document(marker, name, size, seed).bytes());
    }

    private String sender() {
        return "Praxis " + marker;
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
