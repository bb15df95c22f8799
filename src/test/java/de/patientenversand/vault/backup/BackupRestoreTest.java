package de.patientenversand.vault.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.patientenversand.common.UserException;
import de.patientenversand.settings.SettingsStore;
import de.patientenversand.vault.TempChannels;
import de.patientenversand.vault.UnlockedVault;
import de.patientenversand.vault.Unlocker;
import de.patientenversand.vault.WriteSide;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Backup and restore of a vault")
class BackupRestoreTest {
    @TempDir
    Path tmp;

    private final Clock clock = Clock.systemUTC();

    private BackupService service() {
        return new BackupService(TempChannels.FILES, clock, "test");
    }

    private Restorer restorer() {
        return new Restorer(new Unlocker(new SecureRandom()), clock);
    }

    private RestoreReport restore(Path source, Path target, boolean force, boolean partial) throws IOException {
        return restorer().restore(source, target, BackupFixtures.PASSWORD.toCharArray(), force, partial);
    }

    /** Stores documents on another thread until stopped; returns what it stored. */
    private static Thread uploader(WriteSide vault, Map<String, byte[]> stored, AtomicBoolean stop) {
        Thread t = new Thread(() -> {
            int i = 1000;
            while (!stop.get() && i < 1040) {
                try {
                    stored.putAll(BackupFixtures.store(vault, i++, 1));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        t.start();
        return t;
    }

    @Test
    @DisplayName("a backup file of 100 documents taken while uploads continue restores every document of the snapshot exactly")
    void fileBackupWhileReceiving() throws Exception {
        Path data = tmp.resolve("data");
        BackupFixtures.create(data);
        Map<String, byte[]> stored = new ConcurrentHashMap<>();
        Map<String, byte[]> first100;
        BackupResult result;
        try (WriteSide vault = WriteSide.open(data)) {
            first100 = BackupFixtures.store(vault, 0, 100);
            stored.putAll(first100);
            AtomicBoolean stop = new AtomicBoolean();
            Thread upload = uploader(vault, stored, stop);
            Path out = tmp.resolve("sicherung.pvbackup");
            try {
                result = service().toFile(data, out);
            } finally {
                stop.set(true);
                upload.join();
            }
            assertThat(result.documents()).isGreaterThanOrEqualTo(100);
            assertThat(Files.exists(out)).isTrue();
            Restorer.deleteTree(data);
            RestoreReport report = restore(out, data, false, false);
            assertThat(report.restored()).isTrue();
            assertThat(report.clean()).isTrue();
            assertThat(report.documents()).isEqualTo(result.documents());
        }
        Map<String, byte[]> restored = BackupFixtures.contents(data);
        assertThat(restored).hasSize(result.documents());
        assertThat(restored.keySet()).containsAll(first100.keySet());
        assertThat(stored.keySet()).containsAll(restored.keySet());
        for (var e : restored.entrySet()) {
            assertThat(e.getValue()).as("document %s", e.getKey()).isEqualTo(stored.get(e.getKey()));
        }
    }

    @Test
    @DisplayName("a folder backup copies only new files the second time, mirrors deletions after the grace period, and restores exactly")
    void folderBackupIsIncremental() throws Exception {
        Path data = tmp.resolve("data");
        Path folder = tmp.resolve("cloud/Sicherung");
        BackupFixtures.create(data);
        Map<String, byte[]> stored = new ConcurrentHashMap<>();
        BackupResult first;
        try (WriteSide vault = WriteSide.open(data)) {
            stored.putAll(BackupFixtures.store(vault, 0, 100));
            AtomicBoolean stop = new AtomicBoolean();
            Thread upload = uploader(vault, stored, stop);
            try {
                first = service().toFolder(data, folder, FolderBackup.DEFAULT_GRACE);
            } finally {
                stop.set(true);
                upload.join();
            }
        }
        assertThat(first.copied()).isEqualTo(first.files());
        BackupResult second;
        Map<String, byte[]> added;
        try (WriteSide vault = WriteSide.open(data)) {
            added = BackupFixtures.store(vault, 500, 5);
            stored.putAll(added);
            second = service().toFolder(data, folder, FolderBackup.DEFAULT_GRACE);
        }
        // only what is new since the first snapshot: the 5 documents and those that arrived during the
        // first run after its snapshot (blob + sealed sidecar each), plus the database copy, which changed
        int newDocuments = second.documents() - first.documents();
        assertThat(newDocuments).isGreaterThanOrEqualTo(5);
        assertThat(second.copied()).isEqualTo(newDocuments * 2 + 1);
        assertThat(second.documents()).isEqualTo(stored.size());

        String deleted = added.keySet().iterator().next();
        try (UnlockedVault v = BackupFixtures.unlock(data)) {
            v.delete(deleted);
        }
        stored.remove(deleted);
        BackupResult third = service().toFolder(data, folder, FolderBackup.DEFAULT_GRACE);
        assertThat(third.removed()).isZero();
        assertThat(third.kept()).isEqualTo(2);
        BackupResult later = new BackupService(TempChannels.FILES,
                Clock.offset(clock, Duration.ofDays(31)), "test").toFolder(data, folder, FolderBackup.DEFAULT_GRACE);
        assertThat(later.removed()).isEqualTo(2);
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(deleted));
        }

        Restorer.deleteTree(data);
        RestoreReport report = restore(folder, data, false, false);
        assertThat(report.restored()).isTrue();
        Map<String, byte[]> restored = BackupFixtures.contents(data);
        assertThat(restored.keySet()).isEqualTo(stored.keySet());
        for (var e : restored.entrySet()) {
            assertThat(e.getValue()).isEqualTo(stored.get(e.getKey()));
        }
    }

    @Test
    @DisplayName("the named-tunnel token never goes into a backup; the other settings go in sealed and come back at restore")
    void tunnelTokenStaysOut() throws Exception {
        Path data = tmp.resolve("data");
        BackupFixtures.create(data);
        var store = new SettingsStore(data);
        store.save(store.load().withPatientName("Erika Kanarienname").withNamedTunnel("eyJTOKENcanary123", 48123));
        Path folder = tmp.resolve("folder");
        service().toFolder(data, folder, FolderBackup.DEFAULT_GRACE);
        Path out = tmp.resolve("b.zip");
        service().toFile(data, out);
        assertThat(folder.resolve("settings.json")).doesNotExist();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain("eyJTOKENcanary123").doesNotContain("Kanarienname");
            }
        }
        assertThat(new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1))
                .doesNotContain("eyJTOKENcanary123").doesNotContain("Kanarienname");

        Path target = tmp.resolve("restored");
        assertThat(restore(out, target, false, false).restored()).isTrue();
        var restored = new SettingsStore(target).load();
        assertThat(restored.patientName()).isEqualTo("Erika Kanarienname");
        assertThat(restored.namedTunnelPort()).isEqualTo(48123);
        assertThat(restored.namedTunnelToken()).isNull();
    }

    @Test
    @DisplayName("one corrupted blob in a backup folder: restore names exactly that document and restores nothing unless asked")
    void corruptBlobIsNamed() throws Exception {
        Path data = tmp.resolve("data");
        BackupFixtures.create(data);
        Map<String, byte[]> stored;
        try (WriteSide vault = WriteSide.open(data)) {
            stored = BackupFixtures.store(vault, 0, 10);
        }
        BackupFixtures.adopt(data);
        Path folder = tmp.resolve("folder");
        service().toFolder(data, folder, FolderBackup.DEFAULT_GRACE);
        String victim = stored.keySet().stream().sorted().toList().get(3);
        Path blob = folder.resolve("blobs").resolve(victim.substring(0, 2)).resolve(victim + ".age");
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length - 20] ^= 0x55;
        Files.write(blob, bytes);

        Path target = tmp.resolve("restored");
        RestoreReport refused = restore(folder, target, false, false);
        assertThat(refused.restored()).isFalse();
        assertThat(refused.damagedFiles()).containsExactly("blobs/" + victim.substring(0, 2) + "/" + victim + ".age");
        assertThat(refused.damagedDocuments()).extracting(f -> f.id()).containsExactly(victim);
        assertThat(Files.exists(target.resolve("vault.db"))).isFalse();

        RestoreReport partial = restore(folder, target, false, true);
        assertThat(partial.restored()).isTrue();
        assertThat(partial.damagedDocuments()).extracting(f -> f.id()).containsExactly(victim);
        assertThat(partial.ok()).isEqualTo(9);
        try (UnlockedVault v = BackupFixtures.unlock(target)) {
            assertThat(v.document(victim).state()).isEqualTo("damaged");
            for (String id : stored.keySet()) {
                if (!id.equals(victim)) {
                    try (var in = v.open(id)) {
                        assertThat(in.readAllBytes()).isEqualTo(stored.get(id));
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("a truncated backup file: restore names the missing files and restores the rest only with --partial")
    void truncatedBackupFile() throws Exception {
        Path data = tmp.resolve("data");
        BackupFixtures.create(data);
        try (WriteSide vault = WriteSide.open(data)) {
            BackupFixtures.store(vault, 0, 20);
        }
        BackupFixtures.adopt(data);
        Path out = tmp.resolve("b.zip");
        service().toFile(data, out);
        byte[] all = Files.readAllBytes(out);
        List<Integer> headers = new java.util.ArrayList<>();
        for (int i = 0; i + 4 <= all.length; i++) {
            if (all[i] == 'P' && all[i + 1] == 'K' && all[i + 2] == 3 && all[i + 3] == 4) {
                headers.add(i);
            }
        }
        Path cut = tmp.resolve("cut.zip");
        // cut in the middle of the local header of an entry two thirds in
        Files.write(cut, java.util.Arrays.copyOf(all, headers.get(headers.size() * 2 / 3) + 20));

        RestoreReport refused = restore(cut, tmp.resolve("t"), false, false);
        assertThat(refused.restored()).isFalse();
        assertThat(refused.damagedFiles()).isNotEmpty().allMatch(p -> p.startsWith("blobs/") || p.startsWith("links/"));
        RestoreReport partial = restore(cut, tmp.resolve("t"), false, true);
        assertThat(partial.restored()).isTrue();
        assertThat(partial.ok()).isPositive().isLessThan(20);
        assertThat(partial.ok() + partial.damagedDocuments().size()).isEqualTo(20);
        assertThat(Restorer.documentIds(partial.damagedFiles()))
                .containsAll(partial.damagedDocuments().stream().map(f -> f.id()).toList());
    }

    @Test
    @DisplayName("a tampered document inside a backup file is named; its CRC may be right but its hash is not")
    void tamperedBackupFile() throws Exception {
        Path data = tmp.resolve("data");
        BackupFixtures.create(data);
        Map<String, byte[]> stored;
        try (WriteSide vault = WriteSide.open(data)) {
            stored = BackupFixtures.store(vault, 0, 5);
        }
        Path out = tmp.resolve("b.zip");
        service().toFile(data, out);
        String victim = stored.keySet().stream().sorted().findFirst().orElseThrow();
        String victimPath = "blobs/" + victim.substring(0, 2) + "/" + victim + ".age";
        Path tampered = tmp.resolve("tampered.zip");
        try (var zin = new java.util.zip.ZipInputStream(Files.newInputStream(out));
             var zout = new java.util.zip.ZipOutputStream(Files.newOutputStream(tampered))) {
            for (var e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                byte[] b = zin.readAllBytes();
                if (e.getName().equals(victimPath)) {
                    b[b.length / 2] ^= 1;
                }
                zout.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                zout.write(b);
                zout.closeEntry();
            }
        }
        RestoreReport report = restore(tampered, tmp.resolve("t"), false, false);
        assertThat(report.restored()).isFalse();
        assertThat(report.damagedFiles()).containsExactly(victimPath);
    }

    @Test
    @DisplayName("restore refuses to overwrite a vault without --force, and with --force replaces it")
    void refusesToOverwrite() throws Exception {
        Path data = tmp.resolve("data");
        BackupFixtures.create(data);
        Map<String, byte[]> stored;
        try (WriteSide vault = WriteSide.open(data)) {
            stored = BackupFixtures.store(vault, 0, 3);
        }
        Path out = tmp.resolve("b.zip");
        service().toFile(data, out);
        Path other = tmp.resolve("other");
        BackupFixtures.create(other);
        assertThatThrownBy(() -> restore(out, other, false, false))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.key()).isEqualTo("restore.vaultExists"));
        RestoreReport report = restore(out, other, true, false);
        assertThat(report.restored()).isTrue();
        assertThat(BackupFixtures.contents(other).keySet()).isEqualTo(stored.keySet());
    }

    @Test
    @DisplayName("backups leave the index cache out; restore --force removes the old vault's, and the restored "
            + "vault lists every document")
    void indexCacheStaysOut() throws Exception {
        Path data = tmp.resolve("data");
        BackupFixtures.create(data);
        try (WriteSide vault = WriteSide.open(data)) {
            BackupFixtures.store(vault, 0, 3);
        }
        List<de.patientenversand.vault.DocumentInfo> listed;
        try (UnlockedVault v = BackupFixtures.unlock(data)) {
            v.adoptNew();
            listed = v.documents();
        }
        assertThat(data.resolve("index.cache")).isRegularFile();
        Path out = tmp.resolve("b.zip");
        service().toFile(data, out);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(out.toFile())) {
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName)).isNotEmpty()
                    .noneMatch(n -> n.contains("index.cache"));
        }
        Path folder = tmp.resolve("folder");
        service().toFolder(data, folder, Duration.ofDays(30));
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("index.cache"));
        }

        Path other = tmp.resolve("other");
        BackupFixtures.create(other);
        try (WriteSide vault = WriteSide.open(other)) {
            BackupFixtures.store(vault, 10, 1);
        }
        try (UnlockedVault v = BackupFixtures.unlock(other)) {
            v.documents();
        }
        assertThat(other.resolve("index.cache")).isRegularFile();
        assertThat(restore(out, other, true, false).restored()).isTrue();
        assertThat(other.resolve("index.cache")).doesNotExist();
        try (UnlockedVault v = BackupFixtures.unlock(other)) {
            assertThat(v.documents()).isEqualTo(listed);
        }
        assertThat(other.resolve("index.cache")).isRegularFile();
    }

    @Test
    @DisplayName("restore needs the vault to itself: while serve holds its lock it refuses and changes nothing")
    void needsTheVaultAlone() throws Exception {
        Path data = tmp.resolve("data");
        BackupFixtures.create(data);
        Path out = tmp.resolve("b.zip");
        service().toFile(data, out);
        byte[] before = Files.readAllBytes(data.resolve("vault.db"));
        try (var serveLock = de.patientenversand.vault.VaultLock.serve(new de.patientenversand.vault.VaultLayout(data))) {
            assertThatThrownBy(() -> restore(out, data, true, false))
                    .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.key()).isEqualTo("vault.inUse"));
        }
        assertThat(Files.readAllBytes(data.resolve("vault.db"))).isEqualTo(before);
    }

    @Test
    @DisplayName("the wrong password at restore: clear message, nothing restored")
    void wrongPassword() throws Exception {
        Path data = tmp.resolve("data");
        BackupFixtures.create(data);
        Path out = tmp.resolve("b.zip");
        service().toFile(data, out);
        Path target = tmp.resolve("t");
        assertThatThrownBy(() -> restorer().restore(out, target, "falsch".toCharArray(), false, false))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.key()).isEqualTo("vault.wrongPassphrase"));
        try (Stream<Path> left = Files.list(target)) {
            assertThat(left.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".lock"));
        }
    }

    @Test
    @DisplayName("a backup from a newer format version gets a clear message")
    void newerFormat() throws Exception {
        Path data = tmp.resolve("data");
        BackupFixtures.create(data);
        Path folder = tmp.resolve("folder");
        service().toFolder(data, folder, FolderBackup.DEFAULT_GRACE);
        Path manifest = folder.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"version\" : 1", "\"version\" : 2"));
        assertThatThrownBy(() -> restore(folder, tmp.resolve("t"), false, false))
                .isInstanceOfSatisfying(UserException.class, e -> {
                    assertThat(e.key()).isEqualTo("backup.newerVersion");
                    assertThat(e.text(java.util.Locale.GERMAN)).contains("neueren Version");
                });
    }

    @Test
    @DisplayName("a full backup disk: clear message, no file under the backup's name, no leftover part")
    void fullTarget() throws Exception {
        Path data = tmp.resolve("data");
        BackupFixtures.create(data);
        try (WriteSide vault = WriteSide.open(data)) {
            BackupFixtures.store(vault, 0, 10);
        }
        Path out = tmp.resolve("disk/b.zip");
        Files.createDirectories(out.getParent());
        BackupService full = new BackupService(new FillingChannels(20_000), clock, "test");
        assertThatThrownBy(() -> full.toFile(data, out))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.key()).isEqualTo("backup.targetFull"));
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertThat(left).isEmpty();
        }
        Path folder = tmp.resolve("disk/folder");
        assertThatThrownBy(() -> full.toFolder(data, folder, FolderBackup.DEFAULT_GRACE))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.key()).isEqualTo("backup.targetFull"));
        assertThat(folder.resolve("manifest.json")).doesNotExist();
        assertThatThrownBy(() -> restore(folder, tmp.resolve("t"), false, false))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.key()).isEqualTo("backup.notABackup"));
    }

    @Test
    @DisplayName("an interrupted folder backup is never taken for a good one, and the next run completes it")
    void interruptedFolderBackup() throws Exception {
        Path data = tmp.resolve("data");
        BackupFixtures.create(data);
        Path folder = tmp.resolve("folder");
        service().toFolder(data, folder, FolderBackup.DEFAULT_GRACE);
        try (WriteSide vault = WriteSide.open(data)) {
            BackupFixtures.store(vault, 0, 10);
        }
        BackupService full = new BackupService(new FillingChannels(3_000), clock, "test");
        assertThatThrownBy(() -> full.toFolder(data, folder, FolderBackup.DEFAULT_GRACE))
                .isInstanceOf(UserException.class);
        assertThatThrownBy(() -> restore(folder, tmp.resolve("t"), false, false))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.key()).isEqualTo("backup.incomplete"));
        BackupResult again = service().toFolder(data, folder, FolderBackup.DEFAULT_GRACE);
        assertThat(again.copied()).isLessThan(again.files());
        RestoreReport report = restore(folder, tmp.resolve("t"), false, false);
        assertThat(report.restored()).isTrue();
        assertThat(report.documents()).isEqualTo(10);
        assertThat(report.clean()).isTrue();
    }

    @Test
    @DisplayName("a backup target whose folder is a file: clear message, nothing written")
    void targetFolderIsAFile() throws Exception {
        Path data = tmp.resolve("data");
        BackupFixtures.create(data);
        Path notADir = tmp.resolve("stick");
        Files.writeString(notADir, "x");
        assertThatThrownBy(() -> service().toFile(data, notADir.resolve("b.zip")))
                .isInstanceOfSatisfying(UserException.class,
                        e -> assertThat(e.key()).isEqualTo("backup.targetNotWritable"));
        assertThatThrownBy(() -> service().toFolder(data, notADir.resolve("dir"), FolderBackup.DEFAULT_GRACE))
                .isInstanceOfSatisfying(UserException.class,
                        e -> assertThat(e.key()).isEqualTo("backup.targetNotWritable"));
        assertThat(Files.readString(notADir)).isEqualTo("x");
    }

    @Test
    @DisplayName("a backup target that is not writable: clear message")
    void notWritable() throws Exception {
        Path data = tmp.resolve("data");
        BackupFixtures.create(data);
        // /sys refuses new files even to root, so the test also holds where permissions do not apply
        Path ro = Path.of("/sys");
        assertThatThrownBy(() -> service().toFile(data, ro.resolve("b.zip")))
                .isInstanceOfSatisfying(UserException.class,
                        e -> assertThat(e.key()).isEqualTo("backup.targetNotWritable"));
        try (Stream<Path> left = Files.list(ro)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).noneMatch(n -> n.contains("b.zip"));
        }
    }
}
