package de.patientenversand.upload.submission;

import java.time.Instant;

/** One document of a submission that is durable in the vault: what a receipt may list. */
public record ReceivedFile(String documentId, String name, long size, String sha256, Instant receivedAt) {
}
