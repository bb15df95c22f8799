package de.patientenversand.ui.common;

import de.patientenversand.consent.ConsentData;
import de.patientenversand.vault.Inbox;
import java.io.IOException;
import java.util.List;

/**
 * The consent (Einwilligung) per link, for the app (implemented in the launcher). The link's
 * token, which keys the link-bound files, never leaves the implementation: it is opened with the
 * unlocked vault each time. Invalid data comes back as a field-specific
 * {@link de.patientenversand.common.UserException} ({@code consent.missing.name}, ...).
 */
public interface ConsentAccess {
    /** The stored version numbers, oldest first. */
    List<Integer> versions(Inbox inbox, String linkId) throws IOException;

    /** Validates, renders and stores a new version; returns its number. */
    int save(Inbox inbox, String linkId, ConsentData data) throws IOException;

    /** The PDF of one version (in memory). */
    byte[] pdf(Inbox inbox, String linkId, int version) throws IOException;
}
