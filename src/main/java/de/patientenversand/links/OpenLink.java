package de.patientenversand.links;

import java.time.Instant;

/**
 * A valid link as seen by a request that carries its token: the link-bound data (label and
 * patient's name) is decrypted with keys derived from that token.
 *
 * @param id          the link's id (not secret)
 * @param token       the token the request carried
 * @param label       "Praxis Dr. Muster"
 * @param patientName the patient's name for the page and the consent
 * @param checkCode   the 6-character Prüfcode
 * @param expiresAt   when it stops working
 * @param quota       how many documents it may still receive in total, or {@code null} for no limit
 */
public record OpenLink(String id, String token, String label, String patientName, String checkCode,
                       Instant expiresAt, Integer quota) {

    @Override
    public String toString() {
        return "OpenLink[" + id + "]";
    }
}
