package de.patientenversand.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Startup recovery and verify --rebuild")
class RecoveryAndRebuildTest {
    @TempDir
    Path dir;

    private VaultLayout layout;
    private final Unlocker unlocker = new Unlocker(new SecureRandom());

    @BeforeEach
    void createVault() throws IOException {
        TestVaults.create(dir);
        layout = new VaultLayout(dir);
    }

    private StoredDocument store(String content, String name) throws IOException {
        try (WriteSide w = WriteSide.open(dir)) {
            String s = w.documents().openSubmission("link-1");
            return w.documents().store(new ByteArrayInputStream(content.getBytes()), TestVaults.incoming(s, name));
        }
    }

    private void deleteRow(String id) throws IOException {
        try (Database db = Database.open(layout.database())) {
            new DocumentRows(db).delete(id);
        }
    }

    @Test
    @DisplayName("leftovers in tmp/ are removed, a committed blob without row comes back from its sidecar, "
            + "a blob without sidecar is removed, a row without blob is reported")
    void recoveryCases() throws IOException {
        StoredDocument restored = store("eins", "eins.pdf");
        StoredDocument noSidecar = store("zwei", "zwei.pdf");
        StoredDocument noBlob = store("drei", "drei.pdf");
        deleteRow(restored.id());
        deleteRow(noSidecar.id());
        Files.delete(layout.metadata(noSidecar.id()));
        Files.delete(layout.blob(noBlob.id()));
        Files.write(layout.tmp().resolve("0123.age.part"), new byte[100]);
        Files.write(layout.blobDir(restored.id()).resolve("." + restored.id() + ".meta.age.tmp"), new byte[10]);

        try (WriteSide w = WriteSide.open(dir)) {
            RecoveryReport r = w.recovery();
            assertThat(r.partialsRemoved()).isEqualTo(1);
            assertThat(r.blobsRestored()).isEqualTo(1);
            assertThat(r.blobsRemoved()).isEqualTo(1);
            assertThat(r.leftoversRemoved()).isEqualTo(1);
            assertThat(r.rowsWithoutBlob()).containsExactly(noBlob.id());
        }
        assertThat(layout.blob(noSidecar.id())).doesNotExist();
        try (UnlockedVault v = unlocker.withPassphrase(dir, TestVaults.PASSPHRASE.toCharArray())) {
            RecoveryReport again = v.recovery();
            assertThat(again.partialsRemoved() + again.leftoversRemoved() + again.blobsRestored()
                    + again.blobsRemoved()).as("nothing left to clean the second time").isZero();
            assertThat(again.rowsWithoutBlob()).as("still reported").containsExactly(noBlob.id());
            v.adoptNew();
            assertThat(v.document(restored.id()).name()).isEqualTo("eins.pdf");
            assertThat(v.document(restored.id()).state()).isEqualTo("ok");
            assertThat(v.document(noBlob.id()).state()).isEqualTo("damaged");
            assertThat(v.verify().damaged()).extracting(VerifyReport.Finding::id).containsExactly(noBlob.id());
        }
    }

    @Test
    @DisplayName("recovery leaves a partial upload alone while another writer still holds it")
    void activeWriterIsLeftAlone() throws IOException {
        try (WriteSide w = WriteSide.open(dir)) {
            String s = w.documents().openSubmission(null);
            try (DocumentWriter writer = w.documents().begin(TestVaults.incoming(s, "a"))) {
                writer.write(ByteBuffer.wrap(new byte[5000]));
                RecoveryReport r = new StartupRecovery(layout, w.database()).run();
                assertThat(r.partialsRemoved()).isZero();
                writer.write(ByteBuffer.wrap(new byte[5000]));
                assertThat(writer.commit().size()).isEqualTo(10_000);
            }
        }
    }

    @Test
    @DisplayName("rebuild from blobs: adopted documents come back confirmed, a slipped-in one as not confirmed")
    void rebuild() throws IOException {
        StoredDocument adopted = store("angenommen", "a.pdf");
        try (UnlockedVault v = unlocker.withPassphrase(dir, TestVaults.PASSPHRASE.toCharArray())) {
            v.adoptNew();
            v.markRead(adopted.id(), true);
        }
        StoredDocument later = store("später", "b.pdf");
        Files.write(layout.database(), "not a database at all, just garbage bytes........".repeat(100).getBytes());
        Files.deleteIfExists(dir.resolve("vault.db-wal"));
        Files.deleteIfExists(dir.resolve("vault.db-shm"));

        Unlocker.Rebuilt rebuilt;
        try (VaultLock lock = VaultLock.exclusive(layout)) {
            rebuilt = unlocker.rebuild(dir, TestVaults.PASSPHRASE.toCharArray(), false);
        }
        try (UnlockedVault v = rebuilt.vault()) {
            assertThat(rebuilt.report().databaseReplaced()).isTrue();
            assertThat(rebuilt.report().confirmed()).isEqualTo(1);
            assertThat(rebuilt.report().unconfirmed()).isEqualTo(1);
            assertThat(v.document(adopted.id()).state()).isEqualTo("ok");
            assertThat(v.document(later.id()).state()).isEqualTo("unconfirmed");
            assertThat(v.adoptNew()).as("rebuilt documents are never adopted silently").isZero();
            assertThat(v.document(later.id()).name()).isEqualTo("b.pdf");
            assertThat(v.confirm(later.id())).isTrue();
            assertThat(v.document(later.id()).state()).isEqualTo("ok");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("vault.db.damaged-"));
        }
    }
}
