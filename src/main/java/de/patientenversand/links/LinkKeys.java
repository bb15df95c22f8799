package de.patientenversand.links;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Keys derived from a link's token with HKDF-SHA256, one per purpose ("page", "consent",
 * "receipt"...). The data a link's holder may see is encrypted under them, so only a request
 * that carries the token can open it, and a stolen data dir (which holds only the token's
 * SHA-256) reveals none of it.
 */
public final class LinkKeys {
    private static final byte[] SALT = "patientenversand link v1".getBytes(StandardCharsets.US_ASCII);

    private LinkKeys() {
    }

    /** A 32-byte key for {@code purpose}, derived from the token's 32 random bytes. */
    public static byte[] derive(String token, String purpose) {
        byte[] ikm;
        try {
            ikm = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            ikm = token.getBytes(StandardCharsets.UTF_8);
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, SALT, ("purpose:" + purpose).getBytes(StandardCharsets.UTF_8)));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        return key;
    }
}
