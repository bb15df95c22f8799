package de.patientenversand.upload.submission;

/**
 * The link a request came through, as the token check resolved it. Holds no token: handlers
 * never need it, so it cannot leak into a log line from here.
 *
 * @param id          the link's id (safe to log)
 * @param label       the link's label ("Praxis Dr. Muster")
 * @param patientName the patient's name shown on the upload page
 * @param checkCode   the 6-character Prüfcode
 */
public record RequestLink(String id, String label, String patientName, String checkCode) {
}
