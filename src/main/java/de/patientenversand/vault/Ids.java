package de.patientenversand.vault;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Random ids for documents and submissions: 128 bits, lower-case hex, never derived from content. */
final class Ids {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private final SecureRandom random;

    Ids(SecureRandom random) {
        this.random = random;
    }

    String next() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
