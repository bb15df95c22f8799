package de.patientenversand.links;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Prüfcode: 6 characters from SHA-256 of the token and the vault's recipient, shown on the
 * upload page and beside the link in the app, so practice and patient can confirm by phone that
 * the page belongs to this patient's vault. The alphabet leaves out look-alikes (0/O, 1/I/L).
 */
public final class CheckCode {
    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private CheckCode() {
    }

    public static String of(String token, String recipient) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("patientenversand check code v1\0".getBytes(StandardCharsets.UTF_8));
            sha.update(token.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(recipient.strip().getBytes(StandardCharsets.UTF_8));
            byte[] h = sha.digest();
            StringBuilder sb = new StringBuilder(6);
            for (int i = 0; i < 6; i++) {
                sb.append(ALPHABET.charAt(Byte.toUnsignedInt(h[i]) % ALPHABET.length()));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
