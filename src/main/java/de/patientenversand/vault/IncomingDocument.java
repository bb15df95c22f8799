package de.patientenversand.vault;

/**
 * What the server knows about a document when it starts to arrive. All of it except the ids
 * is personal data: it is sealed to the vault's public key before it touches the disk.
 *
 * @param submissionId the submission (Sendung) it belongs to
 * @param linkId       the id of the link it came through, or {@code null} for the patient's own import
 * @param linkLabel    the link's label at the time of upload ("Praxis Dr. Muster"), or {@code null}
 * @param name         the sanitised file name (never used as a path)
 * @param type         the media type detected from content
 * @param sender       what the practice entered as sender, may be empty
 * @param message      the practice's message, may be empty
 */
public record IncomingDocument(String submissionId, String linkId, String linkLabel, String name,
                               String type, String sender, String message) {
}
