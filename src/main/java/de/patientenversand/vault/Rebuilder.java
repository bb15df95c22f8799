package de.patientenversand.vault;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code verify --rebuild}: the documents table rebuilt from the blobs and their sealed
 * sidecars alone. A document whose {@code .mac} checks is taken back as confirmed; any other
 * comes back as not confirmed (origin "rebuilt", never adopted automatically), so a file
 * slipped into {@code blobs/} is never silently mixed in. Needs the vault to itself.
 */
final class Rebuilder {
    private final VaultLayout layout;
    private final DocumentReader reader;

    Rebuilder(VaultLayout layout, DocumentReader reader) {
        this.layout = layout;
        this.reader = reader;
    }

    /** Opens vault.db, or moves a damaged one aside and starts a fresh one. */
    private static Database openOrReplace(VaultLayout layout, boolean[] replaced) throws IOException {
        try {
            return Database.open(layout.database());
        } catch (de.patientenversand.common.UserException e) {
            if (!"vault.databaseDamaged".equals(e.key())) {
                throw e;
            }
            replaced[0] = true;
            return replace(layout);
        }
    }

    /**
     * Rebuilds the documents of vault.db and returns the open database. A database that opens
     * but turns out corrupt on the way (damaged pages that SQLite finds only when it reads them,
     * or that {@code PRAGMA quick_check} reports afterwards) is moved aside as well, and the
     * documents are rebuilt into a fresh one.
     */
    static Database rebuild(VaultLayout layout, DocumentReader reader, RebuildReport[] report) throws IOException {
        boolean[] replaced = new boolean[1];
        Database db = openOrReplace(layout, replaced);
        try {
            report[0] = new Rebuilder(layout, reader).run(db, replaced[0]);
            if (replaced[0] || intact(db)) {
                return db;
            }
        } catch (IOException e) {
            if (replaced[0] || !corrupt(e)) {
                db.close();
                throw e;
            }
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        db.close();
        Database fresh = replace(layout);
        try {
            report[0] = new Rebuilder(layout, reader).run(fresh, true);
            return fresh;
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    private static boolean intact(Database db) throws IOException {
        try {
            return db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                    return rs.next() && "ok".equals(rs.getString(1)) && !rs.next();
                }
            });
        } catch (IOException e) {
            if (corrupt(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean corrupt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && Database.damaged(sql)) {
                return true;
            }
        }
        return false;
    }

    /** Moves vault.db (and its WAL files) aside as vault.db.damaged-TIME and opens a fresh one. */
    private static Database replace(VaultLayout layout) throws IOException {
        String suffix = ".damaged-" + System.currentTimeMillis();
        for (String s : new String[] {"", "-wal", "-shm"}) {
            Path p = layout.dataDir().resolve("vault.db" + s);
            if (Files.exists(p)) {
                Files.move(p, layout.dataDir().resolve("vault.db" + s + suffix), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return Database.open(layout.database());
    }

    RebuildReport run(Database db, boolean replaced) throws IOException {
        List<String> unreadable = new ArrayList<>();
        int[] counts = new int[2];
        db.inTransaction(c -> {
            Set<String> read = readIds(c);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM documents");
            }
            for (String id : blobIds()) {
                Path meta = layout.metadata(id);
                if (!Files.isRegularFile(meta)) {
                    continue; // startup recovery deals with a blob without sidecar
                }
                byte[] sealed = Files.readAllBytes(meta);
                DocumentReader.Sealed s;
                try {
                    s = reader.openMetadata(id, sealed);
                } catch (DamagedException e) {
                    unreadable.add(id);
                    continue;
                }
                String mac = DocumentMac.readFile(layout.mac(id), id);
                boolean ok = reader.mac().check(id, s.json(), s.meta().sha256(), mac);
                counts[ok ? 0 : 1]++;
                insert(c, id, s.meta(), sealed, ok ? mac : null, read.contains(id));
            }
            return null;
        });
        return new RebuildReport(counts[0], counts[1], unreadable, replaced);
    }

    private static void insert(Connection c, String id, DocumentMetadata m, byte[] sealed, String mac, boolean read)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO documents(id, submission_id, link_id, received_at, "
                + "sealed_meta, mac, is_read, origin) VALUES (?, ?, ?, ?, ?, ?, ?, 'rebuilt')")) {
            p.setString(1, id);
            p.setString(2, m.submission());
            p.setString(3, m.linkId());
            p.setString(4, m.receivedAt());
            p.setBytes(5, sealed);
            p.setString(6, mac);
            p.setInt(7, read ? 1 : 0);
            p.executeUpdate();
        }
        if (m.submission() != null) {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT OR IGNORE INTO submissions(id, link_id, created_at) VALUES (?, ?, ?)")) {
                p.setString(1, m.submission());
                p.setString(2, m.linkId());
                p.setString(3, m.receivedAt());
                p.executeUpdate();
            }
        }
    }

    private static Set<String> readIds(Connection c) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM documents WHERE is_read = 1")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private List<String> blobIds() throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(layout.blobs())) {
            return ids;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(layout.blobs(), Files::isDirectory)) {
            for (Path dir : dirs) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.age")) {
                    for (Path f : files) {
                        String name = f.getFileName().toString();
                        String id = name.substring(0, name.length() - 4);
                        if (Ids.valid(id)) {
                            ids.add(id);
                        }
                    }
                }
            }
        }
        return ids;
    }
}
