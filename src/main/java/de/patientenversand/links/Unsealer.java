package de.patientenversand.links;

import java.io.IOException;

/** Opens what a {@link Sealer} sealed; only an unlocked vault has one. */
@FunctionalInterface
public interface Unsealer {
    byte[] unseal(byte[] sealed) throws IOException;
}
