package de.patientenversand.vault;

import java.io.IOException;
import java.io.InputStream;

/**
 * The write side of the vault, all that the internet-facing {@code serve} process gets.
 * It needs only the vault's public key: whatever is written here can be read back only by
 * the patient's unlocked app (DESIGN.md section 2, privilege separation).
 */
public interface DocumentSink {

    /** Opens a new submission ("Sendung") for a link and returns its id. */
    String openSubmission(String linkId) throws IOException;

    /**
     * Starts a document. Bytes given to the writer go through SHA-256 and age encryption
     * straight into an encrypted file in {@code tmp/}; nothing is visible until
     * {@link DocumentWriter#commit()}.
     */
    DocumentWriter begin(IncomingDocument document) throws IOException;

    /** Convenience: streams a whole document and commits it. */
    default StoredDocument store(InputStream plaintext, IncomingDocument document) throws IOException {
        try (DocumentWriter writer = begin(document)) {
            writer.write(plaintext);
            return writer.commit();
        }
    }
}
