package de.patientenversand.vault;

import java.io.IOException;

/** A blob, sidecar or sealed value that fails its cryptographic or hash check (beschädigt). */
public class DamagedException extends IOException {
    public DamagedException(String message) {
        super(message);
    }

    public DamagedException(String message, Throwable cause) {
        super(message, cause);
    }
}
