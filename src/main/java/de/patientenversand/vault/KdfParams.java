package de.patientenversand.vault;

/**
 * Argon2id cost parameters for wrapping the identity, stored beside each wrapping in
 * {@code identity.key} so they can be raised later without breaking old vaults.
 *
 * @param memoryKiB   memory in KiB
 * @param iterations  passes over the memory
 * @param parallelism lanes
 */
public record KdfParams(int memoryKiB, int iterations, int parallelism) {
    /** Argon2id version 1.3. */
    static final int ARGON2_VERSION = 0x13;

    public KdfParams {
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("Argon2 parameters out of range");
        }
    }

    /**
     * What a new vault gets: 64 MiB, 3 passes, 1 lane (RFC 9106's second recommendation with
     * one lane, because BouncyCastle computes lanes one after another anyway). About half a
     * second on a modest laptop; a guess costs an attacker the same.
     */
    public static KdfParams production() {
        return new KdfParams(64 * 1024, 3, 1);
    }
}
