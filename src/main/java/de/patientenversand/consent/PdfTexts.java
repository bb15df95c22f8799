package de.patientenversand.consent;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

/** The PDFs' texts ({@code consent/pdf.properties}) and German date and size formats (TERMS.md). */
final class PdfTexts {
    private static final Locale GERMAN = Locale.GERMANY;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d. MMMM yyyy", GERMAN);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d. MMMM yyyy, HH:mm", GERMAN);
    private final ResourceBundle bundle = ResourceBundle.getBundle("consent.pdf", Locale.ROOT);
    private final ZoneId zone;

    PdfTexts(ZoneId zone) {
        this.zone = zone;
    }

    String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, GERMAN).format(args);
    }

    static String day(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }

    String time(Instant instant) {
        return TIME.format(instant.atZone(zone));
    }

    String day(Instant instant) {
        return DAY.format(instant.atZone(zone));
    }

    /** "2,4 MB" (MB = MiB, DESIGN.md section 6). */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " Bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(GERMAN, "%.1f KB", bytes / 1024.0);
        }
        return String.format(GERMAN, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
