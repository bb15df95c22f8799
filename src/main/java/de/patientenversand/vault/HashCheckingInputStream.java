package de.patientenversand.vault;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Decrypted plaintext as it is read, checked against the sealed SHA-256 and size. age already
 * authenticates every 64 KiB chunk, so a tampered chunk fails before its bytes are returned; the
 * hash at the end catches a whole blob swapped for another valid age file. Any failure surfaces
 * as {@link DamagedException}; the reader never gets a quiet end of a wrong file.
 */
final class HashCheckingInputStream extends FilterInputStream {
    private final String expectedSha256;
    private final long expectedSize;
    private final MessageDigest digest;
    private long count;
    private boolean checked;

    HashCheckingInputStream(InputStream decrypted, String expectedSha256, long expectedSize) {
        super(decrypted);
        this.expectedSha256 = expectedSha256;
        this.expectedSize = expectedSize;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw new DamagedException("the document does not decrypt", e);
        }
        if (n == -1) {
            verify();
            return -1;
        }
        count += n;
        if (count > expectedSize) {
            throw new DamagedException("the document is longer than recorded");
        }
        digest.update(b, off, n);
        return n;
    }

    private void verify() throws DamagedException {
        if (checked) {
            return;
        }
        checked = true;
        String actual = HexFormat.of().formatHex(digest.digest());
        if (count != expectedSize || !actual.equals(expectedSha256)) {
            throw new DamagedException("the document does not match its recorded hash");
        }
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[8192];
        long left = n;
        while (left > 0) {
            int r = read(buf, 0, (int) Math.min(buf.length, left));
            if (r == -1) {
                break;
            }
            left -= r;
        }
        return n - left;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
