package de.patientenversand.vault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * One document being received. Plaintext bytes are hashed and encrypted as they come; the
 * encrypted partial file lies in {@code tmp/} until {@link #commit()} makes it durable and
 * visible in one step. {@link #close()} without a commit removes every trace of it.
 */
public interface DocumentWriter extends AutoCloseable {

    /** Appends plaintext bytes (all remaining bytes of the buffer). */
    void write(ByteBuffer plaintext) throws IOException;

    /** Appends all bytes of a stream; returns how many were read. */
    long write(InputStream plaintext) throws IOException;

    /** Plaintext bytes received so far (the tus {@code Upload-Offset}). */
    long size();

    /**
     * Finishes encryption, fsyncs, renames into {@code blobs/}, fsyncs the directory, writes
     * the sealed metadata beside the blob and commits the row. Returns only when durable.
     */
    StoredDocument commit() throws IOException;

    /** Discards the document if it was not committed; idempotent. */
    @Override
    void close() throws IOException;
}
