package de.patientenversand.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.patientenversand.common.UserException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Schema migrations of vault.db")
class MigrationsTest {
    @TempDir
    Path dir;

    private ClassLoader withSecondMigration() throws IOException {
        Path res = dir.resolve("res/db/migration");
        Files.createDirectories(res);
        String index;
        try (var in = MigrationsTest.class.getClassLoader().getResourceAsStream(Migrations.INDEX)) {
            index = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Files.writeString(res.resolve("migrations.txt"), index + "\nV99__later.sql\n");
        Files.writeString(res.resolve("V99__later.sql"), "-- a later package's tables\n"
                + "CREATE TABLE later_things (id TEXT PRIMARY KEY);\nINSERT INTO later_things VALUES ('a');\n");
        // own resources first, then the real V1 from the class path
        return new URLClassLoader(new URL[] {dir.resolve("res").toUri().toURL()}, null) {
            @Override
            public URL getResource(String name) {
                URL own = findResource(name);
                return own != null ? own : MigrationsTest.class.getClassLoader().getResource(name);
            }
        };
    }

    private static int version(Database db) throws IOException {
        return db.read(Migrations::currentVersion);
    }

    @Test
    @DisplayName("a new vault.db is at the newest known version and has the vault's tables")
    void initial() throws IOException {
        int newest = new Migrations(MigrationsTest.class.getClassLoader()).known().getLast().version();
        try (Database db = Database.open(dir.resolve("vault.db"))) {
            assertThat(version(db)).isEqualTo(newest);
            int tables = db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                                + "('documents', 'submissions', 'events', 'schema_version')")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(tables).isEqualTo(4);
            String mode = db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                    return rs.getString(1);
                }
            });
            assertThat(mode).isEqualTo("wal");
        }
    }

    @Test
    @DisplayName("a migration appended to the index runs once, in order; an older program refuses the newer file")
    void appendedMigration() throws IOException {
        Path file = dir.resolve("vault.db");
        Database.open(file).close();
        Migrations two = new Migrations(withSecondMigration());
        try (Database db = Database.open(file, two)) {
            assertThat(version(db)).isEqualTo(99);
        }
        try (Database db = Database.open(file, two)) {
            int rows = db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM later_things")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).as("applied once").isEqualTo(1);
        }
        assertThatThrownBy(() -> Database.open(file)).isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isEqualTo("vault.newerVersion");
    }
}
