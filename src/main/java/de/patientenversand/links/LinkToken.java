package de.patientenversand.links;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret part of a link: 32 random bytes, base64url without padding (43 characters).
 * Only its SHA-256 is stored in the clear, for lookups; whoever holds the token can upload and
 * can open the link-bound data, so it is never logged and never stored unsealed.
 */
public final class LinkToken {
    public static final int LENGTH = 43;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private LinkToken() {
    }

    public static String generate(SecureRandom random) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return ENCODER.encodeToString(raw);
    }

    /** SHA-256 of the token's characters; computed for every lookup, well-formed or not. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    /** True for 43 base64url characters; lookups of other strings still take the same path. */
    public static boolean wellFormed(String token) {
        if (token == null || token.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
