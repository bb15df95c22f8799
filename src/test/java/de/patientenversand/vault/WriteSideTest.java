package de.patientenversand.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.patientenversand.common.UserException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The write side of the vault (what serve gets)")
class WriteSideTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("opens with recipient.txt alone: identity.key may be absent and no passphrase is asked")
    void opensWithPublicKeyOnly() throws IOException {
        TestVaults.create(dir);
        Files.delete(dir.resolve("identity.key"));
        try (WriteSide vault = WriteSide.open(dir)) {
            String submission = vault.documents().openSubmission("link-1");
            StoredDocument doc = vault.documents().store(
                    new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)),
                    TestVaults.incoming(submission, "Befund.pdf"));
            assertThat(doc.size()).isEqualTo(5);
            assertThat(doc.sha256()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
            assertThat(Files.exists(vault.layout().blob(doc.id()))).isTrue();
            assertThat(Files.exists(vault.layout().metadata(doc.id()))).isTrue();
        }
    }

    @Test
    @DisplayName("a committed document has blob, sealed sidecar and one row; the file name appears nowhere in clear")
    void commitWritesBlobSidecarAndRow() throws Exception {
        TestVaults.create(dir);
        try (WriteSide vault = WriteSide.open(dir)) {
            String submission = vault.documents().openSubmission("link-1");
            StoredDocument doc;
            try (DocumentWriter w = vault.documents().begin(TestVaults.incoming(submission, "Geheimname.pdf"))) {
                w.write(ByteBuffer.wrap("part one ".getBytes(StandardCharsets.UTF_8)));
                w.write(ByteBuffer.wrap("part two".getBytes(StandardCharsets.UTF_8)));
                assertThat(w.size()).isEqualTo(17);
                doc = w.commit();
            }
            assertThat(doc.submissionId()).isEqualTo(submission);
            int rows = vault.database().read(c -> {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM documents WHERE sealed_meta IS NOT NULL")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(1);
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1))
                        .as(p.toString()).doesNotContain("Geheimname").doesNotContain("part one");
            }
        }
    }

    @Test
    @DisplayName("one open writer takes PATCH-like appends from different threads over time, then commits")
    void appendsFromManyThreads() throws Exception {
        TestVaults.create(dir);
        try (WriteSide vault = WriteSide.open(dir)) {
            String submission = vault.documents().openSubmission("link-1");
            DocumentWriter w = vault.documents().begin(TestVaults.incoming(submission, "tus.pdf"));
            byte[] all = new byte[3 * 70_000];
            new java.util.Random(3).nextBytes(all);
            for (int i = 0; i < 3; i++) {
                int part = i;
                Thread t = Thread.ofPlatform().start(() -> {
                    try {
                        w.write(new ByteArrayInputStream(all, part * 70_000, 70_000));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                t.join();
                assertThat(w.size()).isEqualTo((part + 1) * 70_000L);
            }
            StoredDocument doc = w.commit();
            w.close();
            assertThat(doc.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(all)));
            assertThatThrownBy(() -> w.write(ByteBuffer.wrap(new byte[1]))).isInstanceOf(IllegalStateException.class);
            try (UnlockedVault v = new Unlocker(new java.security.SecureRandom()).withPassphrase(dir,
                    TestVaults.PASSPHRASE.toCharArray()); java.io.InputStream in = v.open(doc.id())) {
                assertThat(in.readAllBytes()).isEqualTo(all);
            }
        }
    }

    @Test
    @DisplayName("closing a writer without commit removes its partial file and leaves no row")
    void abortRemovesPartial() throws IOException {
        TestVaults.create(dir);
        try (WriteSide vault = WriteSide.open(dir)) {
            String submission = vault.documents().openSubmission(null);
            DocumentWriter w = vault.documents().begin(TestVaults.incoming(submission, "a.pdf"));
            w.write(ByteBuffer.wrap(new byte[1000]));
            try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
                assertThat(tmp.count()).isEqualTo(1);
            }
            w.close();
            w.close();
            try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
                assertThat(tmp.count()).isZero();
            }
            try (Stream<Path> blobs = Files.walk(dir.resolve("blobs"))) {
                assertThat(blobs.filter(Files::isRegularFile).count()).isZero();
            }
        }
    }

    @Test
    @DisplayName("a full disk during store gives StorageFullException and nothing half-stored")
    void diskFull() throws IOException {
        TestVaults.create(dir);
        TempChannels fillsUp = file -> {
            TempChannels.PartialFile real = TempChannels.FILES.create(file);
            return new TempChannels.PartialFile() {
                long written;

                @Override
                public int write(ByteBuffer src) throws IOException {
                    if (written + src.remaining() > 100_000) {
                        throw new IOException("No space left on device");
                    }
                    int n = real.write(src);
                    written += n;
                    return n;
                }

                @Override
                public boolean isOpen() {
                    return real.isOpen();
                }

                @Override
                public void sync() throws IOException {
                    real.sync();
                }

                @Override
                public void close() throws IOException {
                    real.close();
                }
            };
        };
        try (WriteSide vault = WriteSide.open(dir, java.time.Clock.systemUTC(), fillsUp)) {
            String submission = vault.documents().openSubmission("link-1");
            assertThatThrownBy(() -> vault.documents().store(new ByteArrayInputStream(new byte[500_000]),
                    TestVaults.incoming(submission, "big.pdf")))
                    .isInstanceOf(StorageFullException.class);
            try (Stream<Path> all = Stream.concat(Files.walk(dir.resolve("tmp")), Files.walk(dir.resolve("blobs")))) {
                assertThat(all.filter(Files::isRegularFile).toList()).isEmpty();
            }
            int rows = vault.database().read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM documents")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isZero();
        }
    }

    @Test
    @DisplayName("a folder that is not a vault gives a clear message")
    void notAVault() {
        assertThatThrownBy(() -> WriteSide.open(dir)).isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isEqualTo("vault.notFound");
    }

    @Test
    @DisplayName("a data dir that cannot be written (a file where tmp/ should be) gives a clear message")
    void notWritable() throws IOException {
        TestVaults.create(dir);
        Files.delete(dir.resolve("tmp"));
        Files.writeString(dir.resolve("tmp"), "in the way");
        assertThatThrownBy(() -> WriteSide.open(dir)).isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isEqualTo("vault.notWritable");
    }

    @Test
    @DisplayName("folders are 0700 and files 0600")
    void ownerOnly() throws IOException {
        TestVaults.create(dir.resolve("v"));
        try (WriteSide vault = WriteSide.open(dir.resolve("v"))) {
            String s = vault.documents().openSubmission(null);
            vault.documents().store(new ByteArrayInputStream(new byte[10]), TestVaults.incoming(s, "x"));
        }
        try (Stream<Path> all = Files.walk(dir.resolve("v"))) {
            for (Path p : all.toList()) {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertThat(perms).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
    }

    @Test
    @DisplayName("a second serve on the same vault is refused with a clear message")
    void secondServeLock() throws IOException {
        TestVaults.create(dir);
        VaultLayout layout = new VaultLayout(dir);
        try (VaultLock first = VaultLock.serve(layout)) {
            assertThatThrownBy(() -> VaultLock.serve(layout)).isInstanceOf(UserException.class)
                    .extracting(e -> ((UserException) e).key()).isEqualTo("vault.serveRunning");
            try (VaultLock app = VaultLock.app(layout)) {
                assertThat(app).isNotNull();
            }
            assertThatThrownBy(() -> VaultLock.exclusive(layout)).isInstanceOf(UserException.class)
                    .extracting(e -> ((UserException) e).key()).isEqualTo("vault.inUse");
        }
        try (VaultLock again = VaultLock.serve(layout)) {
            assertThat(again).isNotNull();
        }
    }
}
