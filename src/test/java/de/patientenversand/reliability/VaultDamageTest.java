package de.patientenversand.reliability;

import de.patientenversand.common.UserException;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.vault.DocumentInfo;
import de.patientenversand.vault.IncomingDocument;
import de.patientenversand.vault.StoredDocument;
import de.patientenversand.vault.UnlockedVault;
import de.patientenversand.vault.Unlocker;
import de.patientenversand.vault.VaultLayout;
import de.patientenversand.vault.WriteSide;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A vault whose index or files were damaged or tampered with, checked the way the patient would:
 * with {@code verify}, {@code verify --rebuild}, {@code inbox list} and {@code inbox export}.
 * The vault holds documents from three submissions of two practices, all confirmed (adopted).
 * Each case works on a fresh copy of it.
 */
@DisplayName("a vault with a damaged index or tampered files")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VaultDamageTest {
    private static final int DOCUMENTS = 12;
    private static final int RANDOM_CASES_CI = 3;
    private static final int RANDOM_CASES_LONG = 60;

    private Path work;

    private Path baseline;
    /** What the unlocked app listed before the damage (state, names, hashes: everything but "read"). */
    private List<String> listedBefore;
    private List<String> ids;

    @BeforeAll
    void fillVault(@TempDir Path work) throws IOException {
        this.work = work;
        baseline = work.resolve("baseline");
        VaultAudit audit = VaultAudit.create(baseline.resolve("data"), baseline);
        ids = new ArrayList<>();
        Random r = new Random(42);
        try (WriteSide w = WriteSide.open(audit.dataDir())) {
            for (int s = 0; s < 3; s++) {
                String link = s == 2 ? "link-b" : "link-a";
                String label = s == 2 ? "Radiologie am Markt" : "Praxis Dr. Muster";
                String submission = w.documents().openSubmission(link);
                for (int i = 0; i < DOCUMENTS / 3; i++) {
                    byte[] content = new byte[2_000 + r.nextInt(150_000)];
                    r.nextBytes(content);
                    StoredDocument d = w.documents().store(new ByteArrayInputStream(content),
                            new IncomingDocument(submission, link, label, "Befund " + s + "-" + i + ".pdf",
                                    "application/pdf", "Dr. Muster", "Nachricht " + i));
                    ids.add(d.id());
                }
            }
        }
        try (UnlockedVault v = unlock(audit.dataDir())) {
            assertThat(v.adoptNew()).isEqualTo(DOCUMENTS);
            v.markRead(ids.get(0), true);
        }
        listedBefore = listing(audit);
        assertThat(listedBefore).hasSize(DOCUMENTS).allMatch(l -> l.contains("state=ok"));
    }

    /** A fresh copy of the filled vault. */
    private VaultAudit copy(String name) throws IOException {
        Path target = work.resolve(name);
        try (Stream<Path> s = Files.walk(baseline)) {
            for (Path p : s.toList()) {
                Path to = target.resolve(baseline.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return VaultAudit.open(target.resolve("data"), target);
    }

    private static UnlockedVault unlock(Path data) throws IOException {
        return new Unlocker(new SecureRandom()).withPassphrase(data, VaultAudit.PASSPHRASE.toCharArray());
    }

    /** Each document as one line of everything the patient sees about it, except whether it was read. */
    private static List<String> listing(VaultAudit audit) throws IOException {
        return audit.inbox().stream().map(l -> {
            DocumentInfo d = l.info();
            return d.id() + " submission=" + d.submission() + " name=" + d.name() + " size=" + d.size() + " sha256="
                    + d.sha256() + " decrypted=" + l.decryptedSha256() + " type=" + d.type() + " receivedAt="
                    + d.receivedAt() + " sender=" + d.sender() + " message=" + d.message() + " link=" + d.link()
                    + " verified=" + d.verified() + " state=" + d.state();
        }).sorted().toList();
    }

    /** One random seed per run for the tamper cases; many with {@code -Dpv.long=true}. */
    static Stream<Long> seeds() {
        long seed = Long.getLong("pv.seed", System.nanoTime());
        int n = Boolean.getBoolean("pv.long") ? RANDOM_CASES_LONG : 1;
        return Stream.iterate(seed, s -> s + 1).limit(n);
    }

    static Stream<String> databaseDamage() {
        List<String> cases = new ArrayList<>(List.of("deleted", "emptied", "truncated to half", "header overwritten"));
        int random = Boolean.getBoolean("pv.long") ? RANDOM_CASES_LONG : RANDOM_CASES_CI;
        long seed = Long.getLong("pv.seed", System.nanoTime());
        for (int i = 0; i < random; i++) {
            cases.add("random bytes over pages, seed " + (seed + i));
        }
        return cases.stream();
    }

    @Nested
    @DisplayName("vault.db lost or corrupted")
    class Rebuild {
        @ParameterizedTest(name = "{0}")
        @MethodSource("de.patientenversand.reliability.VaultDamageTest#databaseDamage")
        @DisplayName("verify --rebuild brings back every document with its metadata, confirmed; verify passes after")
        void rebuildRestoresEverything(String damage) throws IOException {
            VaultAudit audit = copy("rebuild-" + Math.abs(damage.hashCode()));
            ReliabilityLedger.record("rebuild", ReliabilityLedger.FAULTS_INJECTED, 1);
            Path db = audit.dataDir().resolve("vault.db");
            damageDatabase(db, damage);

            VaultAudit.Cli rebuild = audit.rebuild();
            assertThat(rebuild.code()).as(damage + "\n" + rebuild).isZero();
            assertThat(rebuild.out()).as(rebuild.toString()).contains(DOCUMENTS + " ");
            if (!damage.startsWith("random bytes")) {
                // (random bytes may spare the pages SQLite reads: then the index and its links stay)
                assertThat(rebuild.out()).as("the patient is told that links and activity were lost")
                        .contains(UserException.format(Locale.getDefault(), "cli.verify.databaseReplaced"));
            }
            List<String> after = listing(audit);
            assertThat(after).as(damage).isEqualTo(listedBefore);
            VaultAudit.Cli verify = audit.verify();
            assertThat(verify.code()).as(verify.toString()).isZero();
            ReliabilityLedger.record("rebuild", ReliabilityLedger.FAULTS_SURVIVED, 1);
            ReliabilityLedger.record("rebuild", ReliabilityLedger.DOCS_CONFIRMED, DOCUMENTS);
            ReliabilityLedger.record("rebuild", ReliabilityLedger.DOCS_INTACT, after.size());
        }

        private void damageDatabase(Path db, String damage) throws IOException {
            switch (damage) {
                case "deleted" -> {
                    for (String suffix : new String[] {"", "-wal", "-shm"}) {
                        Files.deleteIfExists(db.resolveSibling("vault.db" + suffix));
                    }
                }
                case "emptied" -> Files.write(db, new byte[0]);
                case "truncated to half" -> {
                    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
                        f.setLength(f.length() / 2);
                    }
                }
                case "header overwritten" -> {
                    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
                        f.write(new byte[100]);
                    }
                }
                default -> {
                    long seed = Long.parseLong(damage.substring(damage.lastIndexOf(' ') + 1));
                    Random r = new Random(seed);
                    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
                        int pages = (int) (f.length() / 4096);
                        for (int i = 0; i < 3; i++) {
                            byte[] junk = new byte[4096];
                            r.nextBytes(junk);
                            f.seek(4096L * r.nextInt(pages));
                            f.write(junk);
                        }
                    }
                }
            }
        }
    }

    @Nested
    @DisplayName("a blob or sidecar tampered with")
    class Tamper {
        private VaultLayout layout;

        private VaultAudit tampered(String name) throws IOException {
            VaultAudit audit = copy("tamper-" + name);
            layout = new VaultLayout(audit.dataDir());
            ReliabilityLedger.record("tamper", ReliabilityLedger.FAULTS_INJECTED, 1);
            return audit;
        }

        /**
         * The damaged documents are named by verify (exit 1), listed as damaged, refused by export
         * (nothing written); the others stay fine.
         */
        private void assertDamagedAndNamed(VaultAudit audit, List<String> damaged) throws IOException {
            VaultAudit.Cli verify = audit.verify();
            assertThat(verify.code()).as(verify.toString()).isEqualTo(1);
            for (String id : damaged) {
                String name = listedBefore.stream().filter(l -> l.startsWith(id)).findFirst().orElseThrow()
                        .replaceAll(".* name=(.*) size=.*", "$1");
                assertThat(verify.out()).as(verify.toString()).containsPattern(id + " +" + name + " +\\(.+\\)");
                Path out = audit.dataDir().resolveSibling("export-" + id);
                VaultAudit.Cli export = audit.cli("inbox", "export", id, "--out", out.toString(),
                        "--passphrase-file", audit.passphraseFile().toString());
                assertThat(export.code()).as(export.toString()).isEqualTo(1);
                assertThat(export.err()).contains(id).doesNotContain("Exception");
                assertThat(out).doesNotExist();
            }
            for (VaultAudit.Listed l : audit.inbox()) {
                boolean bad = damaged.contains(l.info().id());
                assertThat(l.info().state()).as(l.info().id()).isEqualTo(bad ? "damaged" : "ok");
                assertThat(l.info().verified()).isEqualTo(!bad);
            }
            ReliabilityLedger.record("tamper", ReliabilityLedger.FAULTS_SURVIVED, 1);
        }

        @ParameterizedTest(name = "seed {0}")
        @MethodSource("de.patientenversand.reliability.VaultDamageTest#seeds")
        @DisplayName("one bit flipped in a blob, at a random place")
        void blobBitFlip(long seed) throws IOException {
            VaultAudit audit = tampered("blob-bit-" + seed);
            Random r = new Random(seed);
            String id = ids.get(r.nextInt(ids.size()));
            Path blob = layout.blob(id);
            byte[] b = Files.readAllBytes(blob);
            // in the payload: a flip in the header's last base64 character may not change what it decodes to
            int payload = headerEnd(b);
            int at = payload + r.nextInt(b.length - payload);
            b[at] ^= (byte) (1 << r.nextInt(8));
            Files.write(blob, b);
            assertDamagedAndNamed(audit, List.of(id));
        }

        @ParameterizedTest(name = "seed {0}")
        @MethodSource("de.patientenversand.reliability.VaultDamageTest#seeds")
        @DisplayName("a blob cut short at a random length, and one with bytes appended")
        void blobTruncatedOrExtended(long seed) throws IOException {
            VaultAudit audit = tampered("blob-length-" + seed);
            Random r = new Random(seed);
            String shortened = ids.get(4);
            String extended = ids.get(5);
            try (RandomAccessFile f = new RandomAccessFile(layout.blob(shortened).toFile(), "rw")) {
                f.setLength(1 + r.nextInt((int) f.length() - 1));
            }
            byte[] tail = new byte[1 + r.nextInt(64)];
            r.nextBytes(tail);
            Files.write(layout.blob(extended), tail, java.nio.file.StandardOpenOption.APPEND);
            assertDamagedAndNamed(audit, List.of(shortened, extended));
        }

        @Test
        @DisplayName("the blobs of two documents swapped")
        void blobsSwapped() throws IOException {
            VaultAudit audit = tampered("blob-swap");
            swap(layout.blob(ids.get(1)), layout.blob(ids.get(8)));
            assertDamagedAndNamed(audit, List.of(ids.get(1), ids.get(8)));
        }

        @Test
        @DisplayName("sealed sidecars flipped, cut and swapped: verify names and renews them from the index; "
                + "a rebuild after that restores every document")
        void sidecarsTampered() throws IOException {
            VaultAudit audit = tampered("sidecars");
            byte[] meta = Files.readAllBytes(layout.metadata(ids.get(2)));
            meta[meta.length / 2] ^= 0x10;
            Files.write(layout.metadata(ids.get(2)), meta);
            try (RandomAccessFile f = new RandomAccessFile(layout.metadata(ids.get(6)).toFile(), "rw")) {
                f.setLength(f.length() / 3);
            }
            swap(layout.metadata(ids.get(9)), layout.metadata(ids.get(10)));
            swap(layout.mac(ids.get(0)), layout.mac(ids.get(11)));
            List<String> touched = List.of(ids.get(2), ids.get(6), ids.get(9), ids.get(10), ids.get(0), ids.get(11));

            VaultAudit.Cli verify = audit.verify();
            assertThat(verify.code()).as("every document is sound: " + verify).isZero();
            for (String id : touched) {
                assertThat(verify.out()).as(verify.toString()).contains(id);
            }
            assertThat(listing(audit)).isEqualTo(listedBefore);
            Files.delete(audit.dataDir().resolve("vault.db"));
            VaultAudit.Cli rebuild = audit.rebuild();
            assertThat(rebuild.code()).as(rebuild.toString()).isZero();
            assertThat(listing(audit)).isEqualTo(listedBefore);
            ReliabilityLedger.record("tamper", ReliabilityLedger.FAULTS_SURVIVED, 1);
        }

        @Test
        @DisplayName("sealed sidecars tampered while vault.db is lost: the rebuild names those documents as damaged "
                + "or not confirmed, never as fine, and export refuses them")
        void sidecarsTamperedAndIndexLost() throws IOException {
            VaultAudit audit = tampered("sidecars-lost-index");
            byte[] meta = Files.readAllBytes(layout.metadata(ids.get(2)));
            meta[meta.length - 20] ^= 0x01;
            Files.write(layout.metadata(ids.get(2)), meta);
            swap(layout.metadata(ids.get(9)), layout.metadata(ids.get(10)));
            swap(layout.mac(ids.get(0)), layout.mac(ids.get(11)));
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(audit.dataDir().resolve("vault.db" + suffix));
            }
            List<String> unreadable = List.of(ids.get(2), ids.get(9), ids.get(10));
            List<String> unconfirmed = List.of(ids.get(0), ids.get(11));

            VaultAudit.Cli rebuild = audit.rebuild();
            assertThat(rebuild.code()).as("damaged documents remain: " + rebuild).isEqualTo(1);
            for (String id : unreadable) {
                assertThat(rebuild.out()).as(rebuild.toString()).containsPattern(".*" + id + ".*\\(.+\\)");
            }
            for (String id : unconfirmed) {
                assertThat(rebuild.out()).as(rebuild.toString()).contains(id);
            }
            for (VaultAudit.Listed l : audit.inbox()) {
                String id = l.info().id();
                String expected = unreadable.contains(id) ? "damaged" : unconfirmed.contains(id) ? "unconfirmed" : "ok";
                assertThat(l.info().state()).as(id).isEqualTo(expected);
                assertThat(l.info().verified()).isEqualTo(expected.equals("ok"));
            }
            for (String id : unreadable) {
                Path out = audit.dataDir().resolveSibling("export-" + id);
                VaultAudit.Cli export = audit.cli("inbox", "export", id, "--out", out.toString(),
                        "--passphrase-file", audit.passphraseFile().toString());
                assertThat(export.code()).as(export.toString()).isEqualTo(1);
                assertThat(out).doesNotExist();
            }
            ReliabilityLedger.record("tamper", ReliabilityLedger.FAULTS_SURVIVED, 1);
        }

        /** The first byte after the age header (the line starting "--- "). */
        private static int headerEnd(byte[] age) {
            String text = new String(age, java.nio.charset.StandardCharsets.ISO_8859_1);
            return text.indexOf('\n', text.indexOf("\n--- ") + 1) + 1;
        }

        private void swap(Path a, Path b) throws IOException {
            Path t = a.resolveSibling("swap.tmp");
            Files.move(a, t);
            Files.move(b, a);
            Files.move(t, b);
        }
    }
}
