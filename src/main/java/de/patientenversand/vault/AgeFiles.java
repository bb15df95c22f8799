package de.patientenversand.vault;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * age v1 encryption through jagged: exactly one X25519 recipient stanza per file, so every
 * blob opens with the standard {@code age} tool and the exported identity.
 */
final class AgeFiles {
    private AgeFiles() {
    }

    /** An encrypting channel into {@code target}; closing it writes the last chunk and closes target. */
    static WritableByteChannel encrypt(WritableByteChannel target, Recipient recipient) throws IOException {
        try {
            return new StandardEncryptingChannelFactory().newEncryptingChannel(target, List.of(recipient.stanzaWriter()));
        } catch (GeneralSecurityException e) {
            throw new IOException("age encryption could not start", e);
        }
    }

    static ReadableByteChannel decrypt(ReadableByteChannel source, RecipientStanzaReader identity) throws IOException {
        try {
            return new StandardDecryptingChannelFactory().newDecryptingChannel(source, List.of(identity));
        } catch (GeneralSecurityException e) {
            throw new DamagedException("age header does not open with this identity", e);
        }
    }

    /** Seals a small value (metadata) in memory. */
    static byte[] seal(byte[] plaintext, Recipient recipient) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + 256);
        try (WritableByteChannel ch = encrypt(Channels.newChannel(out), recipient)) {
            ByteBuffer buf = ByteBuffer.wrap(plaintext);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
        return out.toByteArray();
    }

    /** Opens a small sealed value in memory; throws {@link DamagedException} if it does not open. */
    static byte[] open(byte[] sealed, RecipientStanzaReader identity) throws IOException {
        try (ReadableByteChannel ch = decrypt(Channels.newChannel(new ByteArrayInputStream(sealed)), identity);
             InputStream in = Channels.newInputStream(ch)) {
            return in.readAllBytes();
        } catch (DamagedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DamagedException("sealed value does not open", e);
        }
    }
}
