package de.patientenversand.links;

import java.io.IOException;

/** Seals small data to the vault's public key: only the unlocked app can open it again. */
@FunctionalInterface
public interface Sealer {
    byte[] seal(byte[] plaintext) throws IOException;
}
