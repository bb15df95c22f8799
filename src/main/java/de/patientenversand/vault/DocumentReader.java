package de.patientenversand.vault;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;

/**
 * Opens sealed metadata and blobs with the identity and checks documents end to end (blob
 * decrypts, hash and size match, metadata belongs to this id, MAC checks). Used by the inbox,
 * adoption, {@code verify} and the rebuild.
 */
final class DocumentReader {
    private final VaultLayout layout;
    private final RecipientStanzaReader identity;
    private final DocumentMac mac;

    DocumentReader(VaultLayout layout, RecipientStanzaReader identity, DocumentMac mac) {
        this.layout = layout;
        this.identity = identity;
        this.mac = mac;
    }

    DocumentMac mac() {
        return mac;
    }

    /** Opens sealed metadata; throws {@link DamagedException} if it does not open or belongs to another id. */
    Sealed openMetadata(String id, byte[] sealed) throws DamagedException {
        try {
            byte[] json = AgeFiles.open(sealed, identity);
            DocumentMetadata meta = DocumentMetadata.fromJson(json);
            if (!meta.id().equals(id)) {
                throw new DamagedException("metadata belongs to another document");
            }
            return new Sealed(meta, json);
        } catch (DamagedException e) {
            throw e;
        } catch (IOException e) {
            throw new DamagedException("metadata does not open", e);
        }
    }

    /**
     * Metadata JSON from the index cache, checked as {@link #openMetadata} checks what it opens;
     * null if it does not parse or belongs to another id (the caller then opens the sealed row).
     */
    Sealed fromCache(String id, byte[] json) {
        try {
            DocumentMetadata meta = DocumentMetadata.fromJson(json);
            return meta.id().equals(id) ? new Sealed(meta, json) : null;
        } catch (DamagedException e) {
            return null;
        }
    }

    /** The plaintext as a checked stream. */
    InputStream open(String id, DocumentMetadata meta) throws IOException {
        FileChannel file;
        try {
            file = FileChannel.open(layout.blob(id), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new DamagedException("the document's file is missing", e);
        }
        try {
            ReadableByteChannel plain = AgeFiles.decrypt(file, identity);
            return new HashCheckingInputStream(Channels.newInputStream(plain), meta.sha256(), meta.size());
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e instanceof DamagedException d ? d : new DamagedException("the document does not decrypt", e);
        }
    }

    /** Decrypts the whole document and checks it; {@code recordedMac} may be null (not adopted yet). */
    Check check(String id, byte[] sealed, String recordedMac) {
        if (!Files.exists(layout.blob(id))) {
            return Check.damaged(null, "file missing");
        }
        Sealed s;
        try {
            s = openMetadata(id, sealed);
        } catch (DamagedException e) {
            return Check.damaged(null, "metadata does not open");
        }
        try (InputStream in = open(id, s.meta())) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            return Check.damaged(s, "content does not decrypt or does not match its hash");
        }
        if (recordedMac == null) {
            return new Check(DocumentState.UNCONFIRMED, s, null);
        }
        if (!mac.check(id, s.json(), s.meta().sha256(), recordedMac)) {
            return Check.damaged(s, "MAC does not match");
        }
        return new Check(DocumentState.OK, s, null);
    }

    /** Opened sealed metadata: the record and the exact JSON the MAC covers. */
    record Sealed(DocumentMetadata meta, byte[] json) {
    }

    /** The result of a full check. */
    record Check(DocumentState state, Sealed sealed, String reason) {
        static Check damaged(Sealed s, String reason) {
            return new Check(DocumentState.DAMAGED, s, reason);
        }
    }
}
