package de.patientenversand.vault;

import de.patientenversand.common.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Automatic deletion after N days ({@code Settings.retentionDays}): removes the blob, its sealed
 * metadata, its MAC file and its row for every document received before the cut-off. It reads
 * only the clear {@code received_at} column, so it needs no private key and runs in the app at
 * unlock, in {@code serve} once a day and from {@code inbox prune}. It records one activity
 * entry ({@code auto_deleted}) with the count only: no ids, names or senders, because the activity log
 * must hold no personal data.
 */
public final class Retention {
    public static final String EVENT_KIND = ActivityKind.AUTO_DELETED.wire();
    private final Database db;
    private final VaultLayout layout;
    private final Clock clock;

    public Retention(Database db, VaultLayout layout, Clock clock) {
        this.db = db;
        this.layout = layout;
        this.clock = clock;
    }

    /** Deletes documents older than {@code days} days; 0 or less deletes nothing. Returns how many. */
    public int prune(int days) throws IOException {
        if (days <= 0) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        List<String> old = db.read(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, received_at FROM documents");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (before(rs.getString(2), cutoff)) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
        for (String id : old) {
            Files.deleteIfExists(layout.blob(id));
            Files.deleteIfExists(layout.metadata(id));
            Files.deleteIfExists(layout.mac(id));
            OwnerOnlyFiles.fsyncDirectory(layout.blobDir(id));
            db.inTransaction(c -> {
                try (PreparedStatement st = c.prepareStatement("DELETE FROM documents WHERE id = ?")) {
                    st.setString(1, id);
                    return st.executeUpdate();
                }
            });
        }
        if (!old.isEmpty()) {
            record(old.size(), days);
        }
        return old.size();
    }

    private void record(int count, int days) throws IOException {
        new ActivityLog(db, clock).record(ActivityKind.AUTO_DELETED, java.util.Map.of("count", count, "days", days));
    }

    private static boolean before(String receivedAt, Instant cutoff) {
        try {
            return receivedAt != null && Instant.parse(receivedAt).isBefore(cutoff);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
