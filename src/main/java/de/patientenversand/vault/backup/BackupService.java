package de.patientenversand.vault.backup;

import de.patientenversand.common.UserException;
import de.patientenversand.vault.ActivityKind;
import de.patientenversand.vault.ActivityLog;
import de.patientenversand.vault.Database;
import de.patientenversand.vault.TempChannels;
import de.patientenversand.vault.VaultLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Takes a backup of a vault beside a running {@code serve} (no lock, SQLite WAL) and records
 * the outcome in the activity log (counts only). Needs no password: everything it copies is
 * encrypted or free of personal data.
 */
public final class BackupService {
    private final TempChannels channels;
    private final Clock clock;
    private final String appVersion;

    public BackupService(TempChannels channels, Clock clock, String appVersion) {
        this.channels = channels;
        this.clock = clock;
        this.appVersion = appVersion;
    }

    /** {@code backup --out FILE}. */
    public BackupResult toFile(Path dataDir, Path out) throws IOException {
        return run(dataDir, "file", snapshot -> new BackupFileWriter(channels, clock, appVersion).write(snapshot, out));
    }

    /** {@code backup --to DIR}. */
    public BackupResult toFolder(Path dataDir, Path dir, Duration grace) throws IOException {
        return run(dataDir, "folder", snapshot -> new FolderBackup(channels, clock, appVersion, grace)
                .write(snapshot, dir));
    }

    private BackupResult run(Path dataDir, String mode, Work work) throws IOException {
        VaultLayout layout = new VaultLayout(dataDir);
        if (!layout.exists()) {
            throw new UserException("vault.notFound", layout.dataDir().toString());
        }
        try (Database db = Database.open(layout.database())) {
            ActivityLog log = new ActivityLog(db, clock);
            BackupResult result;
            try (Snapshot snapshot = Snapshot.take(layout, db)) {
                result = work.write(snapshot);
            } catch (UserException e) {
                log.record(ActivityKind.BACKUP_FAILED, Map.of("mode", mode, "reason", e.key()));
                throw e;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("mode", mode);
            detail.put("documents", result.documents());
            detail.put("files", result.files());
            detail.put("copied", result.copied());
            detail.put("removed", result.removed());
            log.record(ActivityKind.BACKUP_CREATED, detail);
            return result;
        }
    }

    @FunctionalInterface
    private interface Work {
        BackupResult write(Snapshot snapshot) throws IOException;
    }
}
