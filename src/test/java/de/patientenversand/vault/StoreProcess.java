package de.patientenversand.vault;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;

/**
 * The main class of forked-JVM tests: stores generated documents into a vault.
 * Arguments: dataDir, size in bytes, count, marker, mode ("fast", "slow": prints HALF at the
 * middle of the first document and then goes slowly, "verify": afterwards unlocks and verifies).
 * Prints "STORED id" per document and "OK" at the end.
 */
public final class StoreProcess {
    private StoreProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        long size = Long.parseLong(args[1]);
        int count = Integer.parseInt(args[2]);
        byte[] marker = args[3].getBytes(StandardCharsets.US_ASCII);
        String mode = args[4];
        try (WriteSide vault = WriteSide.open(dataDir)) {
            String submission = vault.documents().openSubmission("link-1");
            for (int i = 0; i < count; i++) {
                boolean slow = mode.equals("slow") && i == 0;
                StoredDocument doc = vault.documents().store(new Generated(size, marker, i, slow),
                        TestVaults.incoming(submission, "Dokument-" + i + ".pdf"));
                System.out.println("STORED " + doc.id());
                System.out.flush();
            }
        }
        if (mode.equals("verify")) {
            try (UnlockedVault v = new Unlocker(new SecureRandom()).withPassphrase(dataDir,
                    TestVaults.PASSPHRASE.toCharArray())) {
                v.adoptNew();
                VerifyReport r = v.verify();
                System.out.println("VERIFIED " + r.ok() + " " + r.damaged().size());
                System.out.println("HEAP " + Runtime.getRuntime().maxMemory());
            }
        }
        System.out.println("OK");
    }

    /** Plaintext with the marker every 1000 bytes, generated on the fly (never held whole). */
    static final class Generated extends InputStream {
        private final long size;
        private final byte[] marker;
        private final Random random;
        private final boolean slow;
        private long pos;
        private boolean halfSaid;

        Generated(long size, byte[] marker, long seed, boolean slow) {
            this.size = size;
            this.marker = marker;
            this.random = new Random(seed);
            this.slow = slow;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, 8192), size - pos);
            for (int i = 0; i < n; i++) {
                long p = pos + i;
                int inBlock = (int) (p % 1000);
                b[off + i] = inBlock < marker.length ? marker[inBlock] : (byte) ('a' + random.nextInt(26));
            }
            pos += n;
            if (slow && pos >= size / 2) {
                if (!halfSaid) {
                    halfSaid = true;
                    System.out.println("HALF");
                    System.out.flush();
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return n;
        }
    }
}
