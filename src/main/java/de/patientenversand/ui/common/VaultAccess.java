package de.patientenversand.ui.common;

import de.patientenversand.vault.ActivityEntry;
import de.patientenversand.vault.Inbox;
import java.io.IOException;
import java.util.List;

/**
 * What the app needs from the vault before it is unlocked (implemented in the launcher's
 * composition root on top of the vault package). Wrong passwords and a vault used by another
 * running app come back as {@link de.patientenversand.common.UserException}s with a clear message.
 */
public interface VaultAccess {
    boolean exists();

    /** Creates the vault and returns the recovery code, to be shown exactly once. */
    String create(char[] password) throws IOException;

    Unlocked unlock(char[] password) throws IOException;

    Unlocked unlockWithRecoveryCode(String recoveryCode) throws IOException;

    /**
     * The activity log ("Aktivität"), oldest first. It holds no personal data by construction
     * (see {@link de.patientenversand.vault.ActivityLog}), so it is readable without the password.
     */
    List<ActivityEntry> activity() throws IOException;

    /**
     * Restores a backup file into the (empty) data dir after checking every document with the
     * password; the vault is then unlocked as usual.
     */
    de.patientenversand.vault.backup.RestoreReport restore(java.nio.file.Path backup, char[] password) throws IOException;

    /**
     * An unlocked inbox and the result of the checks done at unlock.
     *
     * @param recipientMatches whether the public key the server encrypts to belongs to this vault
     */
    record Unlocked(Inbox inbox, boolean recipientMatches) {
    }
}
