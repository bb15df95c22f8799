package de.patientenversand.consent;

import java.time.Instant;
import java.util.List;

/**
 * What the practice's receipt (Empfangsbestätigung) states.
 *
 * @param patientName the patient's name as the link shows it
 * @param linkLabel   the link's label ("Praxis Dr. Muster")
 * @param sender      what the practice entered as sender, may be empty
 * @param submission  the delivery's (Sendung) id
 * @param receivedAt  when the delivery was complete
 * @param files       each document as received
 */
public record ReceiptContent(String patientName, String linkLabel, String sender, String submission,
                             Instant receivedAt, List<File> files) {

    /** One document: sanitised name, bytes as sent, hex SHA-256. */
    public record File(String name, long size, String sha256) {
    }

    @Override
    public String toString() {
        return "ReceiptContent[" + submission + ", " + files.size() + " files]";
    }
}
