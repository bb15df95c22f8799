package de.patientenversand.upload;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** The stubs of upload-cases.md: correct magic bytes only. */
public final class Fixtures {
    public static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
    public static final byte[] PDF2 = "%PDF-1.4\n% second document\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
    public static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
    public static final byte[] JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x00,
            0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9);
    public static final byte[] HEIC = concat(bytes(0, 0, 0, 0x18), "ftypheic".getBytes(StandardCharsets.US_ASCII),
            bytes(0, 0, 0, 0), "mif1heic".getBytes(StandardCharsets.US_ASCII));
    public static final byte[] DICOM = concat(new byte[128], "DICM".getBytes(StandardCharsets.US_ASCII), new byte[64]);

    private Fixtures() {
    }

    /** A PDF-looking file of exactly {@code size} bytes (mkbig). */
    public static byte[] bigPdf(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, Math.min(head.length, size));
        return b;
    }

    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }
}
