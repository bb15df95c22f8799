package de.patientenversand.vault;

import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Derives a 256-bit wrapping key from a password or recovery code with Argon2id (memory-hard,
 * so a stolen {@code identity.key} does not fall to cheap GPU guessing).
 */
final class Argon2Kdf {
    private Argon2Kdf() {
    }

    static byte[] derive(char[] secret, byte[] salt, KdfParams params) {
        Argon2Parameters p = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(KdfParams.ARGON2_VERSION)
                .withMemoryAsKB(params.memoryKiB())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(p);
        byte[] key = new byte[32];
        gen.generateBytes(secret, key);
        return key;
    }

    static void wipe(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }
}
