package de.patientenversand.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.patientenversand.common.UserException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The inbox of an unlocked vault")
class InboxTest {
    @TempDir
    Path dir;

    @TempDir
    Path out;

    private final Unlocker unlocker = new Unlocker(new SecureRandom());

    @BeforeEach
    void createVault() throws IOException {
        TestVaults.create(dir);
    }

    private StoredDocument store(byte[] content, String name) throws IOException {
        try (WriteSide w = WriteSide.open(dir)) {
            String submission = w.documents().openSubmission("link-1");
            return w.documents().store(new ByteArrayInputStream(content), TestVaults.incoming(submission, name));
        }
    }

    private UnlockedVault unlock() throws IOException {
        return unlocker.withPassphrase(dir, TestVaults.PASSPHRASE.toCharArray());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 65535, 65536, 65537})
    @DisplayName("a document exported again is byte for byte what was stored")
    void roundTrip(int size) throws Exception {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        StoredDocument doc = store(content, "Befund.pdf");
        try (UnlockedVault v = unlock()) {
            Path target = out.resolve("export-" + size);
            v.export(doc.id(), target);
            assertThat(Files.readAllBytes(target)).isEqualTo(content);
            try (InputStream in = v.open(doc.id())) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
        }
    }

    @Test
    @DisplayName("a 50 MB document round-trips and its SHA-256 is the plaintext's")
    void fiftyMegabytes() throws Exception {
        int size = 50 * 1024 * 1024;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random random = new Random(50);
        byte[] block = new byte[1 << 20];
        random.nextBytes(block);
        for (int i = 0; i < 50; i++) {
            sha.update(block);
        }
        String expected = HexFormat.of().formatHex(sha.digest());
        StoredDocument doc;
        try (WriteSide w = WriteSide.open(dir)) {
            String s = w.documents().openSubmission(null);
            doc = w.documents().store(new RepeatingStream(block, 50), TestVaults.incoming(s, "gross.pdf"));
        }
        assertThat(doc.size()).isEqualTo(size);
        assertThat(doc.sha256()).isEqualTo(expected);
        try (UnlockedVault v = unlock()) {
            Path target = out.resolve("big");
            v.export(doc.id(), target);
            assertThat(Files.size(target)).isEqualTo(size);
            MessageDigest check = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(target)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) != -1; ) {
                    check.update(buf, 0, n);
                }
            }
            assertThat(HexFormat.of().formatHex(check.digest())).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("the list shows the sealed fields; unlock adopts new documents so they become verified")
    void listAndAdopt() throws IOException {
        StoredDocument doc = store("Inhalt".getBytes(), "Arztbrief.pdf");
        try (UnlockedVault v = unlock()) {
            DocumentInfo before = v.documents().getFirst();
            assertThat(before.state()).isEqualTo("unconfirmed");
            assertThat(before.verified()).isFalse();
            assertThat(v.adoptNew()).isEqualTo(1);
            assertThat(v.adoptNew()).isZero();
            DocumentInfo info = v.documents().getFirst();
            assertThat(info.id()).isEqualTo(doc.id());
            assertThat(info.submission()).isEqualTo(doc.submissionId());
            assertThat(info.name()).isEqualTo("Arztbrief.pdf");
            assertThat(info.size()).isEqualTo(6);
            assertThat(info.sha256()).isEqualTo(doc.sha256());
            assertThat(info.sender()).isEqualTo("Dr. Muster");
            assertThat(info.message()).isEqualTo("Ihr Befund");
            assertThat(info.link()).isEqualTo("Praxis Dr. Muster");
            assertThat(info.receivedAt()).isEqualTo(doc.receivedAt());
            assertThat(info.state()).isEqualTo("ok");
            assertThat(info.verified()).isTrue();
            assertThat(Files.exists(v.layout().mac(doc.id()))).isTrue();
            assertThat(info.read()).isFalse();
            v.markRead(doc.id(), true);
            assertThat(v.documents().getFirst().read()).isTrue();
        }
    }

    @Test
    @DisplayName("a document whose MAC does not check is shown damaged and does not open")
    void macMismatch() throws IOException {
        StoredDocument doc = store("Inhalt".getBytes(), "a.pdf");
        try (UnlockedVault v = unlock()) {
            v.adoptNew();
            v.database().inTransaction(c -> {
                try (var p = c.prepareStatement("UPDATE documents SET mac = ? WHERE id = ?")) {
                    p.setString(1, "00".repeat(32));
                    p.setString(2, doc.id());
                    p.executeUpdate();
                }
                return null;
            });
            assertThat(v.documents().getFirst().state()).isEqualTo("damaged");
            assertThatThrownBy(() -> v.open(doc.id())).isInstanceOf(DamagedException.class);
            assertThat(v.verify().damaged()).extracting(VerifyReport.Finding::id).containsExactly(doc.id());
        }
    }

    @Test
    @DisplayName("a tampered blob fails with a clear error and gives no bytes; verify names it")
    void tamperedBlob() throws IOException {
        byte[] content = new byte[200_000];
        new Random(1).nextBytes(content);
        StoredDocument doc = store(content, "Röntgen.jpg");
        Path blob = new VaultLayout(dir).blob(doc.id());
        try (FileChannel ch = FileChannel.open(blob, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), Files.size(blob) - 1000);
        }
        try (UnlockedVault v = unlock()) {
            Path target = out.resolve("t");
            assertThatThrownBy(() -> v.export(doc.id(), target)).isInstanceOf(UserException.class)
                    .extracting(e -> ((UserException) e).key()).isEqualTo("vault.documentDamaged");
            assertThat(target).doesNotExist();
            try (var files = Files.list(out)) {
                assertThat(files.toList()).isEmpty();
            }
            VerifyReport report = v.verify();
            assertThat(report.damaged()).extracting(VerifyReport.Finding::name).containsExactly("Röntgen.jpg");
            assertThat(v.documents().getFirst().state()).isEqualTo("damaged");
        }
    }

    @Test
    @DisplayName("a truncated blob never reads to a quiet end: the stream throws")
    void truncatedBlob() throws IOException {
        byte[] content = new byte[300_000];
        new Random(2).nextBytes(content);
        StoredDocument doc = store(content, "a.pdf");
        Path blob = new VaultLayout(dir).blob(doc.id());
        for (long cut : new long[] {Files.size(blob) - 1, 65536 + 200, 150}) {
            try (FileChannel ch = FileChannel.open(blob, StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            try (UnlockedVault v = unlock()) {
                assertThatThrownBy(() -> {
                    try (InputStream in = v.open(doc.id())) {
                        in.transferTo(OutputStream.nullOutputStream());
                    }
                }).isInstanceOf(DamagedException.class);
                assertThat(v.verify().damaged()).hasSize(1);
            }
        }
    }

    @Test
    @DisplayName("a blob swapped for another valid age file of the vault fails the hash check")
    void swappedBlob() throws IOException {
        StoredDocument a = store("erstes Dokument".getBytes(), "a.pdf");
        StoredDocument b = store("zweites Dokument".getBytes(), "b.pdf");
        VaultLayout layout = new VaultLayout(dir);
        Files.copy(layout.blob(b.id()), layout.blob(a.id()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (UnlockedVault v = unlock()) {
            assertThatThrownBy(() -> {
                try (InputStream in = v.open(a.id())) {
                    in.readAllBytes();
                }
            }).isInstanceOf(DamagedException.class);
            assertThat(v.adoptNew()).isEqualTo(1);
            assertThat(v.document(a.id()).state()).isEqualTo("damaged");
        }
    }

    @Test
    @DisplayName("delete removes blob, sidecars and row")
    void delete() throws IOException {
        StoredDocument doc = store("x".getBytes(), "a.pdf");
        VaultLayout layout = new VaultLayout(dir);
        try (UnlockedVault v = unlock()) {
            v.adoptNew();
            v.delete(doc.id());
            assertThat(v.documents()).isEmpty();
        }
        assertThat(List.of(layout.blob(doc.id()), layout.metadata(doc.id()), layout.mac(doc.id())))
                .allSatisfy(p -> assertThat(p).doesNotExist());
        try (UnlockedVault v = unlock()) {
            assertThat(v.documents()).isEmpty();
            assertThatThrownBy(() -> v.open(doc.id())).isInstanceOf(UserException.class);
        }
    }

    /** A stream of one block repeated, so a 50 MB test needs no 50 MB array. */
    static final class RepeatingStream extends InputStream {
        private final byte[] block;
        private int left;
        private int pos;

        RepeatingStream(byte[] block, int times) {
            this.block = block;
            this.left = times;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = Math.min(len, block.length - pos);
            System.arraycopy(block, pos, b, off, n);
            pos += n;
            if (pos == block.length) {
                pos = 0;
                left--;
            }
            return n;
        }
    }
}
