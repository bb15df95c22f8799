package de.patientenversand.vault.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of streams, optionally copying them on the way. */
final class Hashing {
    private Hashing() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    /** Copies {@code in} to {@code out} (may be null) and returns its size and hash. */
    static Sum copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[64 * 1024];
        long size = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
            if (out != null) {
                out.write(buf, 0, n);
            }
            size += n;
        }
        return new Sum(size, HexFormat.of().formatHex(md.digest()));
    }

    /** A file's size and SHA-256 (hex). */
    record Sum(long size, String sha256) {
    }
}
