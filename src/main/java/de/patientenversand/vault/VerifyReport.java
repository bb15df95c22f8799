package de.patientenversand.vault;

import java.util.List;

/**
 * The outcome of {@code verify}: how many documents check, which are damaged (beschädigt) and
 * which are not confirmed (nicht bestätigt), each by id and name with the reason.
 */
public record VerifyReport(int total, int ok, List<Finding> damaged, List<Finding> unconfirmed,
                           boolean recipientMismatch) {

    public VerifyReport {
        damaged = List.copyOf(damaged);
        unconfirmed = List.copyOf(unconfirmed);
    }

    public boolean allGood() {
        return damaged.isEmpty() && unconfirmed.isEmpty() && !recipientMismatch;
    }

    /** One document with a problem; {@code name} is empty when its metadata does not open. */
    public record Finding(String id, String name, String reason) {
    }
}
