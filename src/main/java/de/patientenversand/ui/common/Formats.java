package de.patientenversand.ui.common;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Sizes as {@code 2,4 MB} and dates as {@code 3. Dezember 2026, 14:05} (TERMS.md). */
public final class Formats {
    private final I18n i18n;
    private final DateTimeFormatter date;
    private final ZoneId zone;

    public Formats(I18n i18n, ZoneId zone) {
        this.i18n = i18n;
        this.zone = zone;
        this.date = DateTimeFormatter.ofPattern(i18n.text("format.dateTime"), i18n.locale());
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : date.format(instant.atZone(zone));
    }

    public String size(long bytes) {
        NumberFormat one = NumberFormat.getNumberInstance(i18n.locale());
        one.setMaximumFractionDigits(1);
        one.setMinimumFractionDigits(1);
        if (bytes < 1024) {
            return i18n.text("format.bytes", bytes);
        }
        if (bytes < 1024L * 1024) {
            return i18n.text("format.kb", one.format(bytes / 1024.0));
        }
        if (bytes < 1024L * 1024 * 1024) {
            return i18n.text("format.mb", one.format(bytes / (1024.0 * 1024)));
        }
        return i18n.text("format.gb", one.format(bytes / (1024.0 * 1024 * 1024)));
    }
}
