package de.patientenversand.links;

import java.time.Instant;

/**
 * A link as the patient's app or {@code link list} shows it. {@code label} and {@code token}
 * are {@code null} when the vault is locked (they are sealed).
 */
public record LinkInfo(String id, String label, String token, Instant createdAt, Instant expiresAt, Integer quota,
                       int used, boolean revoked) {

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "LinkInfo[" + id + "]";
    }
}
