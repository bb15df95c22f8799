package de.patientenversand.vault;

import de.patientenversand.common.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Unlocks a vault with the password or the recovery code. A wrong secret or a damaged
 * {@code identity.key} fails before anything is opened or changed. At every unlock the public
 * key in {@code recipient.txt} is tested against the identity (by sealing to it and opening).
 */
public final class Unlocker {
    private final SecureRandom random;

    public Unlocker(SecureRandom random) {
        this.random = random;
    }

    public UnlockedVault withPassphrase(Path dataDir, char[] passphrase) throws IOException {
        return unlock(dataDir, IdentityFile.PASSPHRASE, passphrase);
    }

    public UnlockedVault withRecoveryCode(Path dataDir, char[] code) throws IOException {
        return unlock(dataDir, IdentityFile.RECOVERY, code);
    }

    /**
     * Unlocks and rebuilds vault.db's documents from blobs and sidecars ({@code verify --rebuild}).
     * The caller holds {@link VaultLock#exclusive}.
     */
    public Rebuilt rebuild(Path dataDir, char[] secret, boolean recoveryCode) throws IOException {
        RebuildReport[] report = new RebuildReport[1];
        UnlockedVault vault = unlock(dataDir, recoveryCode ? IdentityFile.RECOVERY : IdentityFile.PASSPHRASE, secret,
                report);
        return new Rebuilt(vault, report[0]);
    }

    /** A rebuilt vault and what the rebuild did. */
    public record Rebuilt(UnlockedVault vault, RebuildReport report) {
    }

    private UnlockedVault unlock(Path dataDir, String kind, char[] secret) throws IOException {
        return unlock(dataDir, kind, secret, null);
    }

    private UnlockedVault unlock(Path dataDir, String kind, char[] secret, RebuildReport[] rebuild)
            throws IOException {
        VaultLayout layout = new VaultLayout(dataDir);
        if (!Files.exists(layout.identityFile())) {
            if (layout.exists()) {
                throw new UserException("vault.identityMissing", layout.identityFile().toString());
            }
            throw new UserException("vault.notFound", layout.dataDir().toString());
        }
        Identity identity;
        try {
            identity = new IdentityFile(random).unwrap(layout.identityFile(), kind, secret);
        } catch (UserException e) {
            if (e.key().startsWith("vault.wrong")) {
                recordFailedUnlock(layout, kind);
            }
            throw e;
        }
        try {
            boolean mismatch = recipientMismatch(layout, identity);
            WriteSide.prepareFolders(layout);
            if (rebuild != null) {
                IndexCache.delete(layout); // a rebuild trusts nothing but the blobs and their sidecars
            }
            Database db = rebuild == null ? Database.open(layout.database())
                    : Rebuilder.rebuild(layout, new DocumentReader(layout, identity.stanzaReader(),
                            new DocumentMac(identity.deriveKey(DocumentMac.PURPOSE))), rebuild);
            try {
                RecoveryReport report = new StartupRecovery(layout, db).run();
                new ActivityLog(db, java.time.Clock.systemUTC()).record(ActivityKind.UNLOCK_SUCCEEDED,
                        java.util.Map.of("mode", kind));
                return new UnlockedVault(layout, identity, db, mismatch, report);
            } catch (IOException | RuntimeException e) {
                db.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            identity.close();
            throw e;
        }
    }

    /** A wrong password goes into the activity log (marked unusual); never the attempt itself. */
    private static void recordFailedUnlock(VaultLayout layout, String kind) {
        if (!Files.isRegularFile(layout.database())) {
            return;
        }
        try (Database db = Database.open(layout.database())) {
            new ActivityLog(db, java.time.Clock.systemUTC()).record(ActivityKind.UNLOCK_FAILED,
                    java.util.Map.of("mode", kind));
        } catch (IOException | RuntimeException ignored) {
            // the wrong password is reported to the user either way
        }
    }

    private static boolean recipientMismatch(VaultLayout layout, Identity identity) {
        try {
            Recipient onDisk = Recipient.load(layout.recipientFile());
            return !onDisk.equals(identity.recipient()) || !identity.opens(onDisk);
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
