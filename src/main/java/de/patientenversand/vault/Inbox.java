package de.patientenversand.vault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The read side of an unlocked vault: what the patient's app (and the CLI with the password)
 * may do. Only the app process, which never listens on the network, ever holds one.
 */
public interface Inbox extends AutoCloseable {

    /** Every document, newest first. */
    List<DocumentInfo> documents() throws IOException;

    /**
     * A stream of the plaintext, decrypted as it is read (nothing is written to disk). Reading
     * to the end checks the SHA-256; a mismatch or a tampered blob throws, never wrong bytes.
     */
    InputStream open(String documentId) throws IOException;

    /** Writes the plaintext to a file the patient chose (the only way plaintext reaches disk). */
    void export(String documentId, Path target) throws IOException;

    /** Removes blob, sidecars and row. */
    void delete(String documentId) throws IOException;

    void markRead(String documentId, boolean read) throws IOException;

    /** Adopts documents that arrived since the last unlock (decrypt, check hash, record MAC). */
    int adoptNew() throws IOException;

    /** Wipes key material from memory. */
    @Override
    void close();
}
