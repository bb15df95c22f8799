package de.patientenversand.ui;

import de.patientenversand.common.UserException;
import de.patientenversand.ui.common.VaultAccess;
import de.patientenversand.vault.ActivityEntry;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A vault that lives in memory (for window tests; the real one is tested with the vault). */
final class MemoryVault implements VaultAccess {
    static final String RECOVERY_CODE = "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ";
    char[] password;
    final MemoryInbox inbox = new MemoryInbox();
    volatile int unlockAttempts;
    /** The activity log, oldest first; a wrong password adds an unusual entry, as the real vault does. */
    final List<ActivityEntry> activity = new CopyOnWriteArrayList<>();

    @Override
    public boolean exists() {
        return password != null;
    }

    @Override
    public String create(char[] pw) {
        password = pw.clone();
        return RECOVERY_CODE;
    }

    @Override
    public Unlocked unlock(char[] pw) {
        unlockAttempts++;
        if (!Arrays.equals(pw, password)) {
            activity.add(new ActivityEntry(activity.size() + 1, Instant.now(), "unlock_failed",
                    Map.of("mode", "password"), true));
            throw new UserException("vault.wrongPassphrase");
        }
        return new Unlocked(inbox, true);
    }

    @Override
    public Unlocked unlockWithRecoveryCode(String code) {
        if (!RECOVERY_CODE.equals(code)) {
            throw new UserException("vault.wrongRecoveryCode");
        }
        return new Unlocked(inbox, true);
    }

    /** Restoring makes the vault exist with the given password (the real restore is tested in vault.backup). */
    @Override
    public de.patientenversand.vault.backup.RestoreReport restore(java.nio.file.Path backup, char[] pw) {
        password = pw.clone();
        return new de.patientenversand.vault.backup.RestoreReport(true, 0, 0, 0, List.of(), List.of(), false);
    }

    @Override
    public List<ActivityEntry> activity() {
        return List.copyOf(activity);
    }
}
