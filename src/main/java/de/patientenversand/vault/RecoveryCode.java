package de.patientenversand.vault;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The one-time recovery code: 25 characters of Crockford base32 (125 random bits), shown in
 * groups of five. It unwraps the same identity as the password, so it is exactly as secret.
 * Input is forgiving: case, spaces and dashes do not matter, and O/I/L read as 0/1/1.
 */
public final class RecoveryCode {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    static final int LENGTH = 25;

    private RecoveryCode() {
    }

    /** A new code, formatted for display ("XXXXX-XXXXX-…"). */
    static char[] generate(SecureRandom random) {
        char[] out = new char[LENGTH + LENGTH / 5 - 1];
        int j = 0;
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 5 == 0) {
                out[j++] = '-';
            }
            out[j++] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return out;
    }

    /** The canonical form the key is derived from, or {@code null} if it cannot be a recovery code. */
    static char[] normalise(char[] input) {
        char[] out = new char[LENGTH];
        int n = 0;
        for (char c : input) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char u = Character.toUpperCase(c);
            u = switch (u) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> u;
            };
            if (n == LENGTH || Arrays.binarySearch(ALPHABET, u) < 0) {
                Arrays.fill(out, '\0');
                return null;
            }
            out[n++] = u;
        }
        if (n != LENGTH) {
            Arrays.fill(out, '\0');
            return null;
        }
        return out;
    }
}
