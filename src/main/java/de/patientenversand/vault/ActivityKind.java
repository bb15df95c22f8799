package de.patientenversand.vault;

import java.util.Locale;

/**
 * The kinds of entries in the activity log ("Aktivität"), each with its stable wire name (the
 * {@code kind} field of {@code log --json}) and the message key of its plain-language text
 * ({@code activity.kind.<wire name>} in {@code i18n/messages*.properties}). Kinds the program
 * does not know (from a newer {@code serve}) are shown with the generic text of {@link #OTHER}.
 */
public enum ActivityKind {
    UPLOAD_RECEIVED("upload_received"),
    UPLOAD_REFUSED("upload_refused"),
    LINK_ATTEMPT_FAILED("link_attempt_failed"),
    RATE_LIMITED("rate_limited"),
    LINK_CREATED("link_created"),
    LINK_REVOKED("link_revoked"),
    LINK_EXPIRED("link_expired"),
    TUNNEL_STATUS_CHANGED("tunnel_status_changed"),
    UNLOCK_SUCCEEDED("unlock_succeeded"),
    UNLOCK_FAILED("unlock_failed"),
    DOCUMENT_EXPORTED("document_exported"),
    DOCUMENT_DELETED("document_deleted"),
    AUTO_DELETED("auto_deleted"),
    BACKUP_CREATED("backup_created"),
    BACKUP_FAILED("backup_failed"),
    RESTORED("restored"),
    OTHER("other");

    private final String wire;

    ActivityKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The key of the plain-language line, e.g. {@code activity.kind.upload_received}. */
    public String messageKey() {
        return "activity.kind." + wire;
    }

    /** The kind for a stored wire name; {@link #OTHER} for names this program does not know. */
    public static ActivityKind of(String wire) {
        String w = wire == null ? "" : wire.toLowerCase(Locale.ROOT);
        for (ActivityKind k : values()) {
            if (k.wire.equals(w)) {
                return k;
            }
        }
        return OTHER;
    }
}
