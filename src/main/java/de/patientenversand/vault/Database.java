package de.patientenversand.vault;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.common.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The vault's SQLite file ({@code vault.db}) for the vault and for packages that keep their
 * own tables in it ({@code links}). WAL with a busy timeout, so {@code serve}, the app and
 * short CLI commands can use the same file at once; synchronous FULL, so a committed row
 * survives a power cut; temporary tables in memory, so SQLite never spools to a temp folder.
 * One connection per process, used by one thread at a time.
 *
 * <p>Other packages add their tables with a migration file {@code db/migration/V<n>__<name>.sql}
 * and one line in {@code db/migration/migrations.txt}; they use {@link #read} for queries and
 * {@link #inTransaction} for writes (BEGIN IMMEDIATE, so a writer waits for another process's
 * write instead of failing).
 */
public final class Database implements AutoCloseable {
    /** How long a write waits for another process's write before giving up. */
    static final int BUSY_TIMEOUT_MS = 15_000;

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private Database(Connection connection) {
        this.connection = connection;
    }

    /** Opens (or creates, 0600) the database file and applies pending migrations. */
    public static Database open(Path file) throws IOException {
        return open(file, new Migrations(Database.class.getClassLoader()));
    }

    static Database open(Path file, Migrations migrations) throws IOException {
        if (Files.isDirectory(file)) {
            throw new UserException("vault.notWritable", file.getParent().toString());
        }
        boolean fresh = !Files.exists(file);
        try {
            if (fresh) {
                Files.createFile(file, OwnerOnlyFiles.fileAttributes());
            }
        } catch (IOException e) {
            throw new UserException(e, "vault.notWritable", String.valueOf(file.getParent()));
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        Connection c;
        try {
            c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw failure(e);
        }
        Database db = new Database(c);
        try {
            db.inTransaction(migrations::apply);
            restrictSidecars(file);
            return db;
        } catch (IOException e) {
            db.close();
            throw e.getCause() instanceof SQLException sql ? failure(sql) : e;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static IOException failure(SQLException e) {
        if (damaged(e)) {
            throw new UserException(e, "vault.databaseDamaged");
        }
        return new IOException("cannot open the vault database", e);
    }

    /** Whether SQLite says the file is not a database or is corrupt (not merely busy). */
    static boolean damaged(SQLException e) {
        if (e instanceof org.sqlite.SQLiteException s) {
            org.sqlite.SQLiteErrorCode code = s.getResultCode();
            return code == org.sqlite.SQLiteErrorCode.SQLITE_NOTADB || code == org.sqlite.SQLiteErrorCode.SQLITE_CORRUPT
                    || code.name().startsWith("SQLITE_CORRUPT");
        }
        return false;
    }

    private static void restrictSidecars(Path file) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path p = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(p)) {
                OwnerOnlyFiles.restrict(p);
            }
        }
    }

    /** Work with the connection, in auto-commit mode (reads, single statements). */
    public <T> T read(SqlWork<T> work) throws IOException {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IOException("database read failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Work in one transaction (BEGIN IMMEDIATE): committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(SqlWork<T> work) throws IOException {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | IOException | RuntimeException e) {
                rollbackQuietly(e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IOException("database transaction failed", e);
        } finally {
            lock.unlock();
        }
    }

    private void rollbackQuietly(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException r) {
            cause.addSuppressed(r);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a read-only use; nothing to keep
        } finally {
            lock.unlock();
        }
    }

    /** A piece of work on the connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException, IOException;
    }
}
