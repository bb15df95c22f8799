package de.patientenversand.launcher;

import de.patientenversand.ui.common.VaultAccess;
import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.UnlockedVault;
import de.patientenversand.vault.Unlocker;
import de.patientenversand.vault.VaultCreator;
import de.patientenversand.vault.VaultLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The app's door to the vault: create with the given Argon2 parameters (production values in
 * the app, cheap ones in tests), unlock by password or recovery code. Unlocking checks that the
 * public key {@code serve} encrypts to belongs to this vault; the UI warns loudly if not.
 */
final class AppVault implements VaultAccess {
    private final Path dataDir;
    private final KdfParams kdf;
    private final SecureRandom random = new SecureRandom();

    AppVault(Path dataDir, KdfParams kdf) {
        this.dataDir = dataDir;
        this.kdf = kdf;
    }

    @Override
    public boolean exists() {
        return new VaultLayout(dataDir).exists();
    }

    @Override
    public String create(char[] password) throws IOException {
        char[] code = new VaultCreator(random).create(dataDir, password, kdf);
        try {
            return new String(code);
        } finally {
            Arrays.fill(code, '\0');
        }
    }

    @Override
    public Unlocked unlock(char[] password) throws IOException {
        return opened(new Unlocker(random).withPassphrase(dataDir, password));
    }

    @Override
    public Unlocked unlockWithRecoveryCode(String recoveryCode) throws IOException {
        char[] code = recoveryCode.toCharArray();
        try {
            return opened(new Unlocker(random).withRecoveryCode(dataDir, code));
        } finally {
            Arrays.fill(code, '\0');
        }
    }

    @Override
    public java.util.List<de.patientenversand.vault.ActivityEntry> activity() throws IOException {
        VaultLayout layout = new VaultLayout(dataDir);
        if (!java.nio.file.Files.isRegularFile(layout.database())) {
            return java.util.List.of();
        }
        java.time.Clock clock = java.time.Clock.systemUTC();
        try (de.patientenversand.vault.Database db = de.patientenversand.vault.Database.open(layout.database())) {
            return new de.patientenversand.vault.ActivityLog(db, clock)
                    .list(clock.instant().minus(de.patientenversand.vault.ActivityLog.RETENTION));
        }
    }

    @Override
    public de.patientenversand.vault.backup.RestoreReport restore(Path backup, char[] password) throws IOException {
        return new de.patientenversand.vault.backup.Restorer(new Unlocker(random), java.time.Clock.systemUTC())
                .restore(backup, dataDir, password, false, false);
    }

    private Unlocked opened(UnlockedVault vault) throws IOException {
        // automatic deletion after N days (Settings.retentionDays) runs at every unlock
        int days = new de.patientenversand.settings.SettingsStore(dataDir).load().retentionDays();
        if (days > 0) {
            new de.patientenversand.vault.Retention(vault.database(), vault.layout(), java.time.Clock.systemUTC()).prune(days);
        }
        return new Unlocked(vault, !vault.recipientMismatch());
    }
}
