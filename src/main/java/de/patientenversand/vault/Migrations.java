package de.patientenversand.vault;

import de.patientenversand.common.UserException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versioned schema migrations: {@code db/migration/migrations.txt} lists the files
 * ({@code V<n>__<name>.sql}) in order; each is applied once and recorded in
 * {@code schema_version}. A database from a newer program is refused rather than guessed at.
 */
final class Migrations {
    static final String INDEX = "db/migration/migrations.txt";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.sql");

    private final ClassLoader loader;

    Migrations(ClassLoader loader) {
        this.loader = loader;
    }

    /** The migrations this program knows, in order. */
    List<Migration> known() throws IOException {
        List<Migration> list = new ArrayList<>();
        int last = 0;
        for (String line : lines(INDEX)) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalStateException("bad migration name in index: " + name);
            }
            int version = Integer.parseInt(m.group(1));
            if (version <= last) {
                throw new IllegalStateException("migrations out of order at " + name);
            }
            last = version;
            list.add(new Migration(version, name));
        }
        return list;
    }

    Void apply(Connection c) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    + "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        }
        int current = currentVersion(c);
        List<Migration> known = known();
        int newest = known.isEmpty() ? 0 : known.getLast().version();
        if (current > newest) {
            throw new UserException("vault.newerVersion");
        }
        for (Migration m : known) {
            if (m.version() > current) {
                run(c, m);
            }
        }
        return null;
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private void run(Connection c, Migration m) throws SQLException, IOException {
        String sql = String.join("\n", lines("db/migration/" + m.name()));
        try (Statement s = c.createStatement()) {
            for (String statement : statements(sql)) {
                s.execute(statement);
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)")) {
            p.setInt(1, m.version());
            p.setString(2, m.name());
            p.setString(3, Instant.now().toString());
            p.executeUpdate();
        }
    }

    /** Splits a script at semicolons that end a line; drops {@code --} comment lines. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private List<String> lines(String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        }
    }

    record Migration(int version, String name) {
    }
}
