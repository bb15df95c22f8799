package de.patientenversand.vault;

import java.util.List;

/**
 * What {@code verify --rebuild} did.
 *
 * @param confirmed        documents taken back whose MAC checks
 * @param unconfirmed      documents taken back without a valid MAC: shown as not confirmed
 * @param unreadable       ids of blobs whose sealed sidecar does not open (left in place, not listed)
 * @param databaseReplaced whether vault.db could not be opened and was moved aside
 */
public record RebuildReport(int confirmed, int unconfirmed, List<String> unreadable, boolean databaseReplaced) {
    public RebuildReport {
        unreadable = List.copyOf(unreadable);
    }
}
