package de.patientenversand.upload;

import de.patientenversand.common.events.AppEvent;

/** A file or an upload request was refused; the link's id and the reason code only. */
public record UploadRefused(String link, String code) implements AppEvent {
    @Override
    public String type() {
        return "upload_refused";
    }
}
