package de.patientenversand.vault;

import java.util.List;

/**
 * The outcome of {@code verify}: how many documents check, which are damaged (beschädigt) and
 * which are not confirmed (nicht bestätigt), each by id and name with the reason, and which
 * sound documents had their sidecars renewed from the index (they had been changed or lost).
 */
public record VerifyReport(int total, int ok, List<Finding> damaged, List<Finding> unconfirmed,
                           List<Finding> renewed, boolean recipientMismatch) {

    public VerifyReport {
        damaged = List.copyOf(damaged);
        unconfirmed = List.copyOf(unconfirmed);
        renewed = List.copyOf(renewed);
    }

    public boolean allGood() {
        return damaged.isEmpty() && unconfirmed.isEmpty() && !recipientMismatch;
    }

    /** One document with a problem; {@code name} is empty when its metadata does not open. */
    public record Finding(String id, String name, String reason) {
    }
}
