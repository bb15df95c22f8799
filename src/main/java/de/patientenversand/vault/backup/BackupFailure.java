package de.patientenversand.vault.backup;

import de.patientenversand.common.UserException;
import de.patientenversand.vault.StorageFailures;
import java.io.IOException;
import java.nio.file.Path;

/** Turns a failed write to the backup target into the patient's message: full, or not writable. */
final class BackupFailure {
    private BackupFailure() {
    }

    static UserException of(IOException e, Path target) {
        if (StorageFailures.isDiskFull(e, target.toAbsolutePath().getParent())) {
            return new UserException(e, "backup.targetFull", target.toString());
        }
        return new UserException(e, "backup.targetNotWritable", target.toString());
    }
}
