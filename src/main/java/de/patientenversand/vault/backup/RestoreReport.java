package de.patientenversand.vault.backup;

import de.patientenversand.vault.VerifyReport;
import java.util.List;

/**
 * What {@code restore} found and did. {@code restored} is false when nothing was put in place
 * (damaged files without {@code --partial}). {@code damagedFiles} are backup files whose size
 * or SHA-256 did not match the manifest (or that were missing); {@code damagedDocuments} are
 * documents that did not decrypt or whose hash or MAC did not match.
 */
public record RestoreReport(boolean restored, int documents, int ok, int unconfirmed, List<String> damagedFiles,
                            List<VerifyReport.Finding> damagedDocuments, boolean rebuilt) {

    public RestoreReport {
        damagedFiles = List.copyOf(damagedFiles);
        damagedDocuments = List.copyOf(damagedDocuments);
    }

    public boolean clean() {
        return damagedFiles.isEmpty() && damagedDocuments.isEmpty();
    }
}
