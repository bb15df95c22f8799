package de.patientenversand.vault;

import de.patientenversand.common.UserException;

/** The disk has no room for the document (HTTP 507 towards the practice); nothing was kept. */
public class StorageFullException extends UserException {
    public StorageFullException(Throwable cause) {
        super(cause, "vault.storageFull");
    }
}
