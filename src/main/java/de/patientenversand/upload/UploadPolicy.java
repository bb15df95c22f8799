package de.patientenversand.upload;

import de.patientenversand.common.events.EventSink;
import de.patientenversand.links.LinkDirectory;
import de.patientenversand.vault.DocumentSink;
import java.time.Clock;

/**
 * Everything a receiving handler (multipart or tus) needs to judge and store files, built once
 * by the composition root and shared.
 */
public record UploadPolicy(UploadLimits limits, DocumentSink sink, LinkDirectory links, TypeDetector types,
                           FileNameSanitizer names, DiskSpace disk, UploadSlots slots, EventSink events,
                           Clock clock) {
}
