package de.patientenversand.vault.backup;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.common.UserException;
import de.patientenversand.settings.SettingsStore;
import de.patientenversand.vault.ActivityKind;
import de.patientenversand.vault.ActivityLog;
import de.patientenversand.vault.DamagedException;
import de.patientenversand.vault.UnlockedVault;
import de.patientenversand.vault.Unlocker;
import de.patientenversand.vault.VaultLayout;
import de.patientenversand.vault.VaultLock;
import de.patientenversand.vault.VerifyReport;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code restore}: unpacks a backup into a staging folder inside the data dir, checks every
 * file against the manifest, unlocks the staged vault with the password and verifies that every
 * document decrypts and matches its hash and MAC — all before anything is put in place. Damaged
 * files are named; the rest is restored only when the patient asks ({@code partial}). A damaged
 * {@code vault.db} is then rebuilt from the blobs and their sealed sidecars. It holds both vault
 * locks throughout and never overwrites an existing vault unless {@code force}.
 */
public final class Restorer {
    /** What a data dir may hold of a vault; cleared before a forced restore. */
    private static final List<String> VAULT_ITEMS = List.of("vault.db", "vault.db-wal", "vault.db-shm",
            "identity.key", "recipient.txt", SettingsStore.FILE_NAME, "server.json", "index.cache", "blobs", "links", "tmp");

    private static final String STAGING_PREFIX = ".restore-";

    private final Unlocker unlocker;
    private final Clock clock;

    public Restorer(Unlocker unlocker, Clock clock) {
        this.unlocker = unlocker;
        this.clock = clock;
    }

    public RestoreReport restore(Path source, Path dataDir, char[] passphrase, boolean force, boolean partial)
            throws IOException {
        VaultLayout layout = new VaultLayout(dataDir);
        try {
            OwnerOnlyFiles.createDirectories(layout.dataDir());
        } catch (IOException e) {
            throw new UserException(e, "vault.notWritable", layout.dataDir().toString());
        }
        try (VaultLock lock = VaultLock.exclusive(layout)) {
            if (!force && hasVault(layout)) {
                throw new UserException("restore.vaultExists", layout.dataDir().toString());
            }
            removeStaleStaging(layout);
            Path staging = layout.dataDir().resolve(STAGING_PREFIX + UUID.randomUUID());
            OwnerOnlyFiles.createDirectories(staging);
            try {
                return restoreVia(source.toAbsolutePath().normalize(), staging, layout, passphrase, force, partial);
            } finally {
                deleteTree(staging);
            }
        }
    }

    private RestoreReport restoreVia(Path source, Path staging, VaultLayout layout, char[] passphrase, boolean force,
                                     boolean partial) throws IOException {
        BackupReader.Extracted x = new BackupReader().extract(source, staging);
        if (x.damaged().contains("identity.key") || x.damaged().contains("recipient.txt")) {
            throw new UserException("restore.keyDamaged");
        }
        boolean dbDamaged = x.damaged().contains("vault.db");
        if (dbDamaged && !partial) {
            return new RestoreReport(false, 0, 0, 0, x.damaged(), List.of(), false);
        }
        VerifyReport verify;
        UnlockedVault vault = dbDamaged ? unlocker.rebuild(staging, passphrase, false).vault()
                : unlocker.withPassphrase(staging, passphrase);
        List<String> damagedFiles = new ArrayList<>(x.damaged());
        try (vault) {
            verify = vault.verify();
            openSettings(vault, staging, damagedFiles);
            x = new BackupReader.Extracted(x.manifest(), damagedFiles);
            boolean clean = x.damaged().isEmpty() && verify.damaged().isEmpty();
            if (!clean && !partial) {
                return report(false, verify, x, dbDamaged);
            }
            new ActivityLog(vault.database(), clock).record(ActivityKind.RESTORED,
                    Map.of("documents", verify.total(), "damaged", verify.damaged().size() + x.damaged().size()));
        }
        if (force) {
            for (String item : VAULT_ITEMS) {
                deleteTree(layout.dataDir().resolve(item));
            }
        }
        try (DirectoryStream<Path> items = Files.newDirectoryStream(staging)) {
            for (Path item : items) {
                String name = item.getFileName().toString();
                if (!name.equals("tmp")) {
                    Files.move(item, layout.dataDir().resolve(name), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        OwnerOnlyFiles.fsyncDirectory(layout.dataDir());
        return report(true, verify, x, dbDamaged);
    }

    /** The backup holds the settings sealed; they are restored in the clear (0600) as the app keeps them. */
    private static void openSettings(UnlockedVault vault, Path staging, List<String> damaged) throws IOException {
        Path sealed = staging.resolve(Snapshot.SETTINGS);
        if (!Files.isRegularFile(sealed)) {
            return;
        }
        try {
            byte[] json = vault.unseal(Files.readAllBytes(sealed));
            OwnerOnlyFiles.writeAtomically(staging.resolve(SettingsStore.FILE_NAME), json);
        } catch (DamagedException e) {
            damaged.add(Snapshot.SETTINGS);
        }
        Files.delete(sealed);
    }

    private static RestoreReport report(boolean restored, VerifyReport v, BackupReader.Extracted x, boolean rebuilt) {
        return new RestoreReport(restored, v.total(), v.ok(), v.unconfirmed().size(), x.damaged(), v.damaged(),
                rebuilt);
    }

    /** Leftovers of a restore that was killed midway (we hold both locks, so none is running). */
    private static void removeStaleStaging(VaultLayout layout) throws IOException {
        try (DirectoryStream<Path> items = Files.newDirectoryStream(layout.dataDir(),
                p -> p.getFileName().toString().startsWith(STAGING_PREFIX) && Files.isDirectory(p))) {
            for (Path p : items) {
                deleteTree(p);
            }
        }
    }

    private static boolean hasVault(VaultLayout layout) {
        return layout.exists() || Files.exists(layout.identityFile()) || Files.exists(layout.database())
                || Files.isDirectory(layout.blobs());
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Paths of damaged files that are documents' blobs, as document ids. */
    public static List<String> documentIds(List<String> paths) {
        List<String> ids = new ArrayList<>();
        for (String p : paths) {
            String name = p.substring(p.lastIndexOf('/') + 1);
            if (p.startsWith("blobs/") && name.endsWith(".age") && !name.endsWith(".meta.age")) {
                ids.add(name.substring(0, name.length() - 4));
            }
        }
        return ids;
    }
}
