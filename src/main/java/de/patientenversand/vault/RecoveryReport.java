package de.patientenversand.vault;

import java.util.List;

/**
 * What startup recovery found and did. Ids only, never names.
 *
 * @param partialsRemoved     encrypted partial uploads removed from {@code tmp/}
 * @param leftoversRemoved    half-written sidecars, orphaned sidecars and MAC files removed
 * @param blobsRestored       committed blobs whose row was missing, re-inserted from their sidecar
 * @param blobsRemoved        blobs without a row and without a complete sidecar, removed
 * @param rowsWithoutBlob     ids of rows whose blob is missing (shown as damaged, not removed)
 */
public record RecoveryReport(int partialsRemoved, int leftoversRemoved, int blobsRestored, int blobsRemoved,
                             List<String> rowsWithoutBlob) {

    public RecoveryReport {
        rowsWithoutBlob = List.copyOf(rowsWithoutBlob);
    }

    public boolean clean() {
        return partialsRemoved == 0 && leftoversRemoved == 0 && blobsRestored == 0 && blobsRemoved == 0
                && rowsWithoutBlob.isEmpty();
    }
}
