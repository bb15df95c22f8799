package de.patientenversand.vault;

import java.io.IOException;

/**
 * Seals small data (e.g. the settings inside a backup) to the vault's public key, so that only
 * the patient's unlocked vault can open it ({@link UnlockedVault#unseal}). Age v1, one X25519
 * recipient stanza, like every document.
 */
public final class Sealing {
    private Sealing() {
    }

    public static byte[] seal(byte[] plaintext, Recipient recipient) throws IOException {
        return AgeFiles.seal(plaintext, recipient);
    }

    /** Seals to the public key in a vault's {@code recipient.txt}. */
    public static byte[] sealTo(byte[] plaintext, VaultLayout layout) throws IOException {
        return AgeFiles.seal(plaintext, Recipient.load(layout.recipientFile()));
    }
}
