package de.patientenversand.vault;

import de.patientenversand.common.OwnerOnlyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Streams one document: plaintext goes through SHA-256 and age (to the public key) straight
 * into {@code tmp/<id>.age.part}; no plaintext byte is ever written. {@link #commit()} makes it
 * durable in the order that lets recovery tell a whole document from a crashed one: fsync the
 * partial, write the sealed sidecar, rename into {@code blobs/}, fsync the folder, commit the row.
 */
final class VaultDocumentWriter implements DocumentWriter {
    private static final int BUFFER = 64 * 1024;

    private enum State { OPEN, COMMITTED, FAILED, CLOSED }

    private final String id;
    private final IncomingDocument document;
    private final VaultLayout layout;
    private final Recipient recipient;
    private final Database db;
    private final Clock clock;
    private final TempChannels.PartialFile file;
    private final WritableByteChannel age;
    private final MessageDigest sha256;
    private long size;
    private State state = State.OPEN;

    VaultDocumentWriter(String id, IncomingDocument document, VaultLayout layout, Recipient recipient, Database db,
                        Clock clock, TempChannels.PartialFile file) throws IOException {
        this.id = id;
        this.document = document;
        this.layout = layout;
        this.recipient = recipient;
        this.db = db;
        this.clock = clock;
        this.file = file;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.age = AgeFiles.encrypt(new KeepOpen(file), recipient);
    }

    String id() {
        return id;
    }

    @Override
    public synchronized void write(ByteBuffer plaintext) throws IOException {
        requireOpen();
        int n = plaintext.remaining();
        sha256.update(plaintext.duplicate());
        try {
            while (plaintext.hasRemaining()) {
                age.write(plaintext);
            }
        } catch (IOException e) {
            state = State.FAILED;
            throw StorageFailures.orFull(e, layout.tmp());
        }
        size += n;
    }

    @Override
    public long write(InputStream plaintext) throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        for (int n; (n = plaintext.read(buf)) != -1; ) {
            write(ByteBuffer.wrap(buf, 0, n));
            total += n;
        }
        return total;
    }

    @Override
    public synchronized long size() {
        return size;
    }

    @Override
    public synchronized StoredDocument commit() throws IOException {
        requireOpen();
        state = State.FAILED; // until the row is in
        Path partial = layout.partial(id);
        Path blob = layout.blob(id);
        Path meta = layout.metadata(id);
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String hash = HexFormat.of().formatHex(sha256.digest());
        byte[] sealed;
        try {
            age.close();
            file.sync();
            sealed = AgeFiles.seal(DocumentMetadata.of(id, document, size, hash, receivedAt).toJson(), recipient);
            Path dir = layout.blobDir(id);
            boolean newDir = !Files.isDirectory(dir);
            OwnerOnlyFiles.createDirectories(dir);
            if (newDir) {
                OwnerOnlyFiles.fsyncDirectory(layout.blobs());
            }
            OwnerOnlyFiles.writeAtomically(meta, sealed);
            if (!OwnerOnlyFiles.posix()) {
                file.close(); // Windows cannot rename an open file
            }
            Files.move(partial, blob, StandardCopyOption.ATOMIC_MOVE);
            OwnerOnlyFiles.fsyncDirectory(dir);
        } catch (IOException e) {
            discardFiles(blob, meta);
            throw StorageFailures.orFull(e, layout.dataDir());
        } finally {
            closeQuietly();
        }
        try {
            db.inTransaction(c -> insertRow(c, sealed, receivedAt));
        } catch (IOException e) {
            discardFiles(blob, meta);
            throw StorageFailures.orFull(e, layout.dataDir());
        } catch (RuntimeException e) {
            discardFiles(blob, meta);
            throw e;
        }
        state = State.COMMITTED;
        return new StoredDocument(id, document.submissionId(), size, hash, receivedAt);
    }

    private Void insertRow(java.sql.Connection c, byte[] sealed, Instant receivedAt) throws java.sql.SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO documents(id, submission_id, link_id, received_at, sealed_meta) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT(id) DO UPDATE SET submission_id = excluded.submission_id, "
                        + "link_id = excluded.link_id, received_at = excluded.received_at, "
                        + "sealed_meta = excluded.sealed_meta")) {
            p.setString(1, id);
            p.setString(2, document.submissionId());
            p.setString(3, document.linkId());
            p.setString(4, receivedAt.toString());
            p.setBytes(5, sealed);
            p.executeUpdate();
        }
        return null;
    }

    @Override
    public synchronized void close() throws IOException {
        if (state == State.COMMITTED || state == State.CLOSED) {
            state = State.CLOSED;
            return;
        }
        state = State.CLOSED;
        closeQuietly();
        Files.deleteIfExists(layout.partial(id));
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("document writer is " + state);
        }
    }

    private void closeQuietly() {
        try {
            file.close();
        } catch (IOException ignored) {
            // the partial is removed or renamed anyway
        }
    }

    private void discardFiles(Path blob, Path meta) {
        for (Path p : new Path[] {blob, meta, layout.partial(id)}) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // startup recovery removes what is left
            }
        }
    }

    /** Lets age finish the stream without closing the file, which is synced and renamed afterwards. */
    private record KeepOpen(WritableByteChannel target) implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) throws IOException {
            return target.write(src);
        }

        @Override
        public boolean isOpen() {
            return target.isOpen();
        }

        @Override
        public void close() {
            // the writer closes the file itself
        }
    }
}
