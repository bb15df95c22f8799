package de.patientenversand.vault;

import java.time.Instant;

/**
 * A document as the unlocked app lists it (the fields of {@code inbox list --json},
 * DESIGN.md section 9).
 *
 * @param id         document id
 * @param submission submission (Sendung) id
 * @param name       the sanitised original file name
 * @param size       plaintext bytes
 * @param sha256     hex SHA-256 of the plaintext
 * @param type       detected media type
 * @param receivedAt when it became durable
 * @param sender     what the practice entered, may be empty
 * @param message    the practice's message, may be empty
 * @param link       the link's label, or {@code null} for the patient's own import
 * @param verified   {@code true} once adopted (MAC recorded and checking)
 * @param state      "ok", "unconfirmed" (nicht bestätigt) or "damaged" (beschädigt)
 * @param read       whether the patient has opened it
 */
public record DocumentInfo(String id, String submission, String name, long size, String sha256, String type,
                           Instant receivedAt, String sender, String message, String link, boolean verified,
                           String state, boolean read) {
}
