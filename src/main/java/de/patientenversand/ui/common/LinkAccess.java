package de.patientenversand.ui.common;

import de.patientenversand.vault.Inbox;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Links for practices (implemented in the launcher on top of the links package). */
public interface LinkAccess {
    /** Active and past links; labels are sealed, so the inbox must be unlocked. */
    List<ShareLink> list(Inbox inbox) throws IOException;

    ShareLink create(Inbox inbox, String label, Duration validFor) throws IOException;

    void revoke(Inbox inbox, String id) throws IOException;

    /** One link as the share panel shows it. */
    record ShareLink(String id, String label, String url, Instant expiresAt, String checkCode, boolean revoked) {
        public boolean activeAt(Instant now) {
            return !revoked && (expiresAt == null || expiresAt.isAfter(now));
        }
    }
}
