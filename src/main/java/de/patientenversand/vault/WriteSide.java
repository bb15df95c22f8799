package de.patientenversand.vault;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.common.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The vault as {@code serve} (and {@code inbox import}) opens it: the public key from
 * {@code recipient.txt}, the database, and startup recovery — never the passphrase or the
 * private key. Other packages reach the database through {@link #database()}.
 */
public final class WriteSide implements AutoCloseable {
    private final VaultLayout layout;
    private final Recipient recipient;
    private final Database database;
    private final DocumentStore store;
    private final RecoveryReport recovery;

    private WriteSide(VaultLayout layout, Recipient recipient, Database database, DocumentStore store,
                      RecoveryReport recovery) {
        this.layout = layout;
        this.recipient = recipient;
        this.database = database;
        this.store = store;
        this.recovery = recovery;
    }

    /** Opens an existing vault for writing; runs startup recovery. */
    public static WriteSide open(Path dataDir) throws IOException {
        return open(dataDir, Clock.systemUTC(), TempChannels.FILES);
    }

    /** As {@link #open(Path)}, with a clock and the partial-file seam (tests: a disk that fills up). */
    public static WriteSide open(Path dataDir, Clock clock, TempChannels channels) throws IOException {
        VaultLayout layout = new VaultLayout(dataDir);
        requireVault(layout);
        Recipient recipient = Recipient.load(layout.recipientFile());
        prepareFolders(layout);
        Database db = Database.open(layout.database());
        try {
            RecoveryReport report = new StartupRecovery(layout, db).run();
            DocumentStore store = new DocumentStore(layout, recipient, db, clock, channels,
                    new Ids(new SecureRandom()));
            return new WriteSide(layout, recipient, db, store, report);
        } catch (IOException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    static void requireVault(VaultLayout layout) {
        if (!Files.isDirectory(layout.dataDir()) || !layout.exists()) {
            throw new UserException("vault.notFound", layout.dataDir().toString());
        }
    }

    static void prepareFolders(VaultLayout layout) {
        try {
            OwnerOnlyFiles.createDirectories(layout.tmp());
            OwnerOnlyFiles.createDirectories(layout.blobs());
            Path probe = Files.createTempFile(layout.tmp(), "probe", ".tmp", OwnerOnlyFiles.fileAttributes());
            Files.delete(probe);
        } catch (IOException e) {
            throw new UserException(e, "vault.notWritable", layout.dataDir().toString());
        }
    }

    /** Where uploads go: streams sealed to the public key. */
    public DocumentSink documents() {
        return store;
    }

    /** The vault database, for packages with their own tables ({@code links}). */
    public Database database() {
        return database;
    }

    public Recipient recipient() {
        return recipient;
    }

    public VaultLayout layout() {
        return layout;
    }

    /** Free bytes on the vault's disk (the upload limits keep file size + a reserve free). */
    public long usableSpace() throws IOException {
        return Files.getFileStore(layout.dataDir()).getUsableSpace();
    }

    /** What startup recovery found when this was opened. */
    public RecoveryReport recovery() {
        return recovery;
    }

    @Override
    public void close() {
        database.close();
    }
}
