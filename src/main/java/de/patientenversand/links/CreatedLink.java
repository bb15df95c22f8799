package de.patientenversand.links;

import java.time.Instant;

/** A new link: the token is shown once to the patient (and sealed for later). */
public record CreatedLink(String id, String token, String checkCode, Instant expiresAt) {

    /** {@code BASE/u/TOKEN}. */
    public String url(String base) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return b + "/u/" + token;
    }

    @Override
    public String toString() {
        return "CreatedLink[" + id + "]";
    }
}
