package de.patientenversand.vault;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The vault's age X25519 identity ({@code AGE-SECRET-KEY-1…}) while the vault is unlocked.
 * Held as a char array so it can be wiped on lock; never written anywhere except wrapped in
 * {@code identity.key} or, on the patient's explicit request, by {@code key export}.
 */
final class Identity implements AutoCloseable {
    private final char[] secret;
    private final Recipient recipient;

    Identity(char[] secret, Recipient recipient) {
        this.secret = secret;
        this.recipient = recipient;
    }

    /** A fresh random identity. */
    static Identity generate() {
        try {
            KeyPair pair = new X25519KeyPairGenerator().generateKeyPair();
            return new Identity(pair.getPrivate().toString().toCharArray(), new Recipient(pair.getPublic().toString()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is not available", e);
        }
    }

    /** The public key this identity was created with (as stored in {@code identity.key}). */
    Recipient recipient() {
        return recipient;
    }

    RecipientStanzaReader stanzaReader() throws IOException {
        try {
            return X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(CharBuffer.wrap(secret));
        } catch (GeneralSecurityException e) {
            throw new DamagedException("the identity is not a valid age X25519 identity", e);
        }
    }

    /** Whether a file sealed to {@code candidate} opens with this identity (a real test, not a string compare). */
    boolean opens(Recipient candidate) {
        try {
            byte[] probe = "recipient check".getBytes(StandardCharsets.US_ASCII);
            return Arrays.equals(probe, AgeFiles.open(AgeFiles.seal(probe, candidate), stanzaReader()));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A 256-bit key for a purpose, derived with HKDF-SHA256 from the identity. */
    byte[] deriveKey(String purpose) {
        byte[] ikm = encoded();
        try {
            HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
            hkdf.init(new HKDFParameters(ikm, "patientenversand".getBytes(StandardCharsets.US_ASCII),
                    purpose.getBytes(StandardCharsets.US_ASCII)));
            byte[] key = new byte[32];
            hkdf.generateBytes(key, 0, key.length);
            return key;
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    /** The identity's text as bytes (caller wipes). */
    byte[] encoded() {
        ByteBuffer b = StandardCharsets.US_ASCII.encode(CharBuffer.wrap(secret));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return out;
    }

    /** A copy of the identity's text (for {@code key export}; caller wipes). */
    char[] text() {
        return secret.clone();
    }

    @Override
    public void close() {
        Arrays.fill(secret, '\0');
    }
}
