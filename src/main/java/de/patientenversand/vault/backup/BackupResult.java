package de.patientenversand.vault.backup;

/**
 * What a backup did: documents in the snapshot, files in it, files copied this time (a folder
 * backup copies only new or changed ones), files removed after the grace period, files kept
 * although the vault no longer has them, and files that vanished while the backup ran (a
 * document deleted meanwhile).
 */
public record BackupResult(int documents, int files, int copied, long copiedBytes, int removed, int kept,
                           int vanished) {
}
