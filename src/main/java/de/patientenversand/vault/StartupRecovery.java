package de.patientenversand.vault;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the vault back to "whole documents or nothing" after a crash, without the private
 * key: removes partial uploads (unless another process is still writing them — they are
 * locked), re-inserts committed blobs whose row is missing from their sealed sidecar, removes
 * blobs that never got a sidecar, and reports rows whose blob is gone. Logs counts only.
 */
final class StartupRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(StartupRecovery.class);

    private final VaultLayout layout;
    private final Database db;

    StartupRecovery(VaultLayout layout, Database db) {
        this.layout = layout;
        this.db = db;
    }

    RecoveryReport run() throws IOException {
        int partials = cleanTmp();
        Set<String> rows = rowIds();
        int[] counts = new int[3]; // leftovers, restored, removed
        Set<String> blobIds = new HashSet<>();
        if (Files.isDirectory(layout.blobs())) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(layout.blobs(), Files::isDirectory)) {
                for (Path dir : dirs) {
                    scanBlobDir(dir, rows, blobIds, counts);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String id : rows) {
            if (!blobIds.contains(id) && !Files.exists(layout.blob(id))) {
                missing.add(id);
            }
        }
        markDamaged(missing);
        RecoveryReport report = new RecoveryReport(partials, counts[0], counts[1], counts[2], missing);
        if (!report.clean()) {
            LOG.warn("Vault recovery: {} partial uploads removed, {} leftovers removed, {} documents restored "
                            + "from their sidecar, {} incomplete documents removed, {} documents without their file",
                    partials, counts[0], counts[1], counts[2], missing.size());
        }
        return report;
    }

    private int cleanTmp() throws IOException {
        if (!Files.isDirectory(layout.tmp())) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.tmp())) {
            for (Path f : files) {
                if (Files.isRegularFile(f) && !inUse(f) && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private void scanBlobDir(Path dir, Set<String> rows, Set<String> blobIds, int[] counts) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(files::add);
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(".age") && !name.endsWith(".meta.age")) {
                String id = name.substring(0, name.length() - 4);
                blobIds.add(id);
                if (!rows.contains(id) && Ids.valid(id)) {
                    recoverBlob(id, counts);
                }
            }
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            String id = idOf(name);
            boolean leftover = name.startsWith(".") && name.endsWith(".tmp")
                    || (name.endsWith(".meta.age") || name.endsWith(".mac")) && !rows.contains(id)
                    && !Files.exists(layout.blob(id));
            if (leftover && Files.exists(f) && !inUse(layout.partial(id)) && Files.deleteIfExists(f)) {
                counts[0]++;
            }
        }
    }

    private void recoverBlob(String id, int[] counts) throws IOException {
        Path meta = layout.metadata(id);
        if (Files.isRegularFile(meta) && Files.size(meta) > 0) {
            byte[] sealed = Files.readAllBytes(meta);
            String receivedAt = Files.getLastModifiedTime(layout.blob(id)).toInstant().toString();
            db.inTransaction(c -> {
                try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO documents(id, received_at, "
                        + "sealed_meta) VALUES (?, ?, ?)")) {
                    p.setString(1, id);
                    p.setString(2, receivedAt);
                    p.setBytes(3, sealed);
                    p.executeUpdate();
                }
                return null;
            });
            counts[1]++;
        } else {
            Files.deleteIfExists(layout.blob(id));
            Files.deleteIfExists(layout.mac(id));
            counts[2]++;
        }
    }

    private static String idOf(String name) {
        String n = name.startsWith(".") ? name.substring(1) : name;
        int dot = n.indexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    private Set<String> rowIds() throws IOException {
        return db.read(c -> {
            Set<String> ids = new HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM documents")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    private void markDamaged(List<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE documents SET damaged = 1 WHERE id = ?")) {
                for (String id : ids) {
                    p.setString(1, id);
                    p.executeUpdate();
                }
            }
            return null;
        });
    }

    /** A partial file another writer still holds (it keeps a lock on it while open). */
    static boolean inUse(Path file) {
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
