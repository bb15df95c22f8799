package de.patientenversand.upload.submission;

import java.time.Instant;
import java.util.List;

/** What the practice gets when a submission is complete: each stored file with size and SHA-256. */
public record Receipt(String submission, Instant receivedAt, List<ReceivedFile> files) {
}
