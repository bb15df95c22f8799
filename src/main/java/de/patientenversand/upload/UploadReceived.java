package de.patientenversand.upload;

import de.patientenversand.common.events.AppEvent;

/** A document became durable in the vault. Ids and counts only (it crosses a process boundary). */
public record UploadReceived(String submission, String document, long size) implements AppEvent {
    @Override
    public String type() {
        return "upload_received";
    }
}
