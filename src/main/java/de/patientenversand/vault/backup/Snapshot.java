package de.patientenversand.vault.backup;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.settings.Settings;
import de.patientenversand.settings.SettingsStore;
import de.patientenversand.vault.Database;
import de.patientenversand.vault.Sealing;
import de.patientenversand.vault.VaultLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A consistent view of a vault taken while {@code serve} keeps receiving: the database is
 * copied with {@code VACUUM INTO} (one read transaction, so it sees whole commits only) into
 * the data dir's {@code tmp/} — it holds no plaintext, every sensitive column is sealed — and
 * the blobs and sidecars of exactly the documents in that copy are listed. Blobs never change
 * after their commit, so copying them afterwards is consistent. Settings are taken without
 * secrets (the named-tunnel token stays out of every backup) and sealed to the vault's public key,
 * because they hold the patient's name.
 */
public final class Snapshot implements AutoCloseable {
    /** The settings in a backup: sealed to the vault's key (they hold the patient's name). */
    public static final String SETTINGS = SettingsStore.FILE_NAME + ".age";
    private final Path databaseCopy;
    private final List<Item> items;
    private final int schemaVersion;
    private final int documents;

    private Snapshot(Path databaseCopy, List<Item> items, int schemaVersion, int documents) {
        this.databaseCopy = databaseCopy;
        this.items = items;
        this.schemaVersion = schemaVersion;
        this.documents = documents;
    }

    /** One file of the snapshot: its path in the backup and where its bytes come from. */
    public record Item(String path, Path file, byte[] content) {
        public InputStream open() throws IOException {
            return content != null ? new ByteArrayInputStream(content) : Files.newInputStream(file);
        }
    }

    public static Snapshot take(VaultLayout layout, Database db) throws IOException {
        removeStaleCopies(layout);
        // In a folder of its own: startup recovery of a serve starting meanwhile cleans only the
        // files directly in tmp/, so it leaves this copy alone.
        Path folder = OwnerOnlyFiles.createDirectories(layout.tmp().resolve("backup-" + UUID.randomUUID()));
        Path copy = folder.resolve("vault.db");
        Files.createFile(copy, OwnerOnlyFiles.fileAttributes());
        try {
            db.read(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("VACUUM INTO '" + copy.toString().replace("'", "''") + "'");
                }
                return null;
            });
            List<String> ids = new ArrayList<>();
            int schema;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
                 Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=DELETE");
                try (ResultSet rs = s.executeQuery("SELECT id FROM documents ORDER BY id")) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                    schema = rs.next() ? rs.getInt(1) : 0;
                }
            } catch (SQLException e) {
                throw new IOException("cannot read the database copy", e);
            }
            List<Item> items = new ArrayList<>();
            items.add(new Item("vault.db", copy, null));
            items.add(new Item("identity.key", layout.identityFile(), null));
            items.add(new Item("recipient.txt", layout.recipientFile(), null));
            Path settings = layout.dataDir().resolve(SettingsStore.FILE_NAME);
            if (Files.isRegularFile(settings)) {
                Settings clean = new SettingsStore(layout.dataDir()).load().withoutSecrets();
                items.add(new Item(SETTINGS, null, Sealing.sealTo(SettingsJson.bytes(clean), layout)));
            }
            for (String id : ids) {
                for (Path p : List.of(layout.blob(id), layout.metadata(id), layout.mac(id))) {
                    if (Files.isRegularFile(p)) {
                        items.add(new Item(relative(layout, p), p, null));
                    }
                }
            }
            addTree(layout, layout.dataDir().resolve("links"), items);
            return new Snapshot(copy, List.copyOf(items), schema, ids.size());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(folder);
            throw e;
        }
    }

    /** Copies of backups that were killed midway (a day old: no backup runs that long). */
    private static void removeStaleCopies(VaultLayout layout) throws IOException {
        if (!Files.isDirectory(layout.tmp())) {
            return;
        }
        java.time.Instant dayAgo = java.time.Instant.now().minus(java.time.Duration.ofDays(1));
        try (var dirs = Files.newDirectoryStream(layout.tmp(),
                p -> p.getFileName().toString().startsWith("backup-") && Files.isDirectory(p))) {
            for (Path dir : dirs) {
                if (Files.getLastModifiedTime(dir).toInstant().isBefore(dayAgo)) {
                    Restorer.deleteTree(dir);
                }
            }
        }
    }

    private static void addTree(VaultLayout layout, Path dir, List<Item> items) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && !name.endsWith(".tmp")) {
                    items.add(new Item(relative(layout, p), p, null));
                }
            }
        }
    }

    static String relative(VaultLayout layout, Path p) {
        return layout.dataDir().relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    public List<Item> items() {
        return items;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /** Documents in the snapshot's database. */
    public int documents() {
        return documents;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(databaseCopy);
        Files.deleteIfExists(databaseCopy.getParent());
    }
}
