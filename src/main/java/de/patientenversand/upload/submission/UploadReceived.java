package de.patientenversand.upload.submission;

import de.patientenversand.common.events.AppEvent;

/**
 * A document is durable in the vault. Carries ids and the size only: the name, sender and
 * message stay sealed in the vault, because events cross a process boundary and may be logged.
 */
public record UploadReceived(String documentId, String submissionId, String linkId, long size) implements AppEvent {
    @Override
    public String type() {
        return "UploadReceived";
    }
}
