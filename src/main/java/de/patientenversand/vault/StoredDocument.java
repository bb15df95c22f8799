package de.patientenversand.vault;

import java.time.Instant;

/** A document that is durable in the vault: what a receipt may promise. */
public record StoredDocument(String id, String submissionId, long size, String sha256, Instant receivedAt) {
}
