package de.patientenversand.vault;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code documents} table: ids, times, sealed metadata, MAC and flags. */
final class DocumentRows {
    private static final String COLUMNS = "id, submission_id, received_at, sealed_meta, mac, damaged, is_read, origin";

    private final Database db;

    DocumentRows(Database db) {
        this.db = db;
    }

    List<Row> all() throws IOException {
        return db.read(c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM documents ORDER BY received_at DESC, id");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        });
    }

    /** Rows the app adopts at unlock: received, not adopted yet, not marked damaged (one query, not all rows). */
    List<Row> toAdopt() throws IOException {
        return db.read(c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM documents "
                    + "WHERE mac IS NULL AND damaged = 0 AND origin = 'received' ORDER BY received_at DESC, id");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        });
    }

    Optional<Row> find(String id) throws IOException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM documents WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    void setMac(String id, String mac) throws IOException {
        update("UPDATE documents SET mac = ?, damaged = 0 WHERE id = ?", mac, id);
    }

    /**
     * Records the MACs of adopted documents and marks the damaged ones, all in one transaction
     * (one fsync of the WAL instead of one per document).
     */
    void recordAdoption(java.util.Map<String, String> macs, List<String> damaged) throws IOException {
        if (macs.isEmpty() && damaged.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE documents SET mac = ?, damaged = 0 WHERE id = ?")) {
                for (java.util.Map.Entry<String, String> e : macs.entrySet()) {
                    p.setString(1, e.getValue());
                    p.setString(2, e.getKey());
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE documents SET damaged = 1 WHERE id = ?")) {
                for (String id : damaged) {
                    p.setString(1, id);
                    p.executeUpdate();
                }
            }
            return null;
        });
    }

    void setDamaged(String id) throws IOException {
        update("UPDATE documents SET damaged = 1 WHERE id = ?", id);
    }

    void setRead(String id, boolean read) throws IOException {
        update("UPDATE documents SET is_read = ? WHERE id = ?", read ? 1 : 0, id);
    }

    void delete(String id) throws IOException {
        update("DELETE FROM documents WHERE id = ?", id);
    }

    private void update(String sql, Object... args) throws IOException {
        db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    p.setObject(i + 1, args[i]);
                }
                p.executeUpdate();
            }
            return null;
        });
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getString(5),
                rs.getInt(6) != 0, rs.getInt(7) != 0, rs.getString(8));
    }

    /** One row; {@code origin} is "received" (write side) or "rebuilt" (verify --rebuild). */
    record Row(String id, String submissionId, String receivedAt, byte[] sealedMeta, String mac, boolean damaged,
               boolean read, String origin) {
    }
}
