package de.patientenversand.links;

import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Seals small values (a link's label and token) to the vault's public key as age v1 files, so
 * that {@code link create} and {@code serve} need no password and only the unlocked app can
 * read them back.
 */
public final class AgeSealer implements Sealer {
    private final String recipient;

    public AgeSealer(String recipient) {
        this.recipient = recipient;
    }

    @Override
    public byte[] seal(byte[] plaintext) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + 256);
        try (WritableByteChannel ch = new StandardEncryptingChannelFactory().newEncryptingChannel(
                Channels.newChannel(out),
                List.of(X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient)))) {
            ByteBuffer buf = ByteBuffer.wrap(plaintext);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("sealing failed", e);
        }
        return out.toByteArray();
    }
}
