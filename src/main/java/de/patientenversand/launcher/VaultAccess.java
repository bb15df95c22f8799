package de.patientenversand.launcher;

import de.patientenversand.common.UserException;
import de.patientenversand.settings.SettingsStore;
import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.Retention;
import java.time.Clock;
import de.patientenversand.vault.UnlockedVault;
import de.patientenversand.vault.Unlocker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/** Unlocking for CLI commands, the KDF choice, and the loud key-mismatch warning. */
final class VaultAccess {
    /** Set only by tests, so they need not pay 64 MiB of Argon2 per vault. */
    static final String CHEAP_KDF_PROPERTY = "pv.test.cheapKdf";

    private VaultAccess() {
    }

    /** The data dir from {@code --data-dir} given before the command (stored on the root command). */
    static Path dataDir(CommandSpec spec) {
        return ((Main) spec.root().userObject()).common.dataDir();
    }

    static KdfParams kdf() {
        return Boolean.getBoolean(CHEAP_KDF_PROPERTY) ? new KdfParams(1024, 1, 1) : KdfParams.production();
    }

    static UnlockedVault unlock(Path dataDir, UnlockOptions options, PrintWriter err) throws IOException {
        char[] secret = Secrets.system().current(options.passphraseFile, options.recoveryCode);
        try {
            Unlocker unlocker = new Unlocker(new SecureRandom());
            UnlockedVault vault = options.recoveryCode ? unlocker.withRecoveryCode(dataDir, secret)
                    : unlocker.withPassphrase(dataDir, secret);
            warnOnMismatch(vault.recipientMismatch(), err);
            pruneOld(dataDir, vault);
            return vault;
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** Automatic deletion after N days runs at every unlock (Settings.retentionDays, 0 = off). */
    static void pruneOld(Path dataDir, UnlockedVault vault) throws IOException {
        int days = new SettingsStore(dataDir).load().retentionDays();
        if (days > 0) {
            new Retention(vault.database(), vault.layout(), Clock.systemUTC()).prune(days);
        }
    }

    static void warnOnMismatch(boolean mismatch, PrintWriter err) {
        if (mismatch) {
            err.println(text("vault.recipientMismatch"));
            err.flush();
        }
    }

    static String text(String key, Object... args) {
        return UserException.format(Locale.getDefault(), key, args);
    }
}
