package de.patientenversand.vault;

import de.patientenversand.common.UserException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Plain-language lines for activity entries, in the patient's language: the time as
 * "3. Dezember 2026, 14:05" and the text of {@code activity.kind.<kind>} with its arguments
 * {0} kind, {1} size, {2} reason code, {3} count, {4} state, {5} documents. The app's
 * "Aktivität" view and {@code log} use the same texts.
 */
public final class ActivityText {
    private final Locale locale;
    private final ZoneId zone;

    public ActivityText(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
    }

    public String time(ActivityEntry e) {
        String pattern = "de".equals(locale.getLanguage()) ? "d. MMMM yyyy, HH:mm" : "d MMMM yyyy, HH:mm";
        return DateTimeFormatter.ofPattern(pattern, locale).withZone(zone).format(e.time());
    }

    /** The sentence for an entry, e.g. "Ein Dokument ist angekommen (2,4 MB)." */
    public String text(ActivityEntry e) {
        ActivityKind kind = e.knownKind();
        Object size = e.detail().get("size");
        return UserException.format(locale, kind.messageKey(), e.kind(),
                size instanceof Number n ? size(n.longValue()) : "",
                String.valueOf(e.detail().getOrDefault("code", e.detail().getOrDefault("reason", ""))),
                String.valueOf(e.detail().getOrDefault("count", "")),
                String.valueOf(e.detail().getOrDefault("state", "")),
                String.valueOf(e.detail().getOrDefault("documents", "")));
    }

    /** One line: time, the "unusual" mark if set, the sentence. */
    public String line(ActivityEntry e) {
        String mark = e.unusual() ? "[" + UserException.format(locale, "log.unusual") + "] " : "";
        return time(e) + "  " + mark + text(e);
    }

    /** Sizes as "2,4 MB" / "830 KB" (MB = MiB, as everywhere in the app). */
    String size(long bytes) {
        if (bytes >= 1L << 20) {
            return String.format(locale, "%.1f MB", bytes / (double) (1L << 20));
        }
        return String.format(locale, "%d KB", Math.max(1, (bytes + 1023) / 1024));
    }
}
