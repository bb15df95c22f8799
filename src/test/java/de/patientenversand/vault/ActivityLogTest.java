package de.patientenversand.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.patientenversand.common.events.AppEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The activity log")
class ActivityLogTest {
    @TempDir
    Path dir;

    private static final Instant NOW = Instant.parse("2026-12-03T14:05:00Z");

    @Test
    @DisplayName("refuses personal detail: unknown keys and free text never reach the table")
    void refusesPersonalDetail() throws IOException {
        try (Database db = Database.open(dir.resolve("vault.db"))) {
            ActivityLog log = new ActivityLog(db, Clock.fixed(NOW, ZoneOffset.UTC));
            assertThatThrownBy(() -> log.record(ActivityKind.UPLOAD_RECEIVED, Map.of("name", "Befund.pdf")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log.record(ActivityKind.UPLOAD_REFUSED, Map.of("code", "Dr. Muster schreibt")))
                    .isInstanceOf(IllegalArgumentException.class);
            log.record(ActivityKind.UPLOAD_RECEIVED, Map.of("document", "ab12", "size", 2_500_000));
            assertThat(log.list(Instant.EPOCH)).hasSize(1);
        }
    }

    @Test
    @DisplayName("entries older than 90 days are removed when the log is opened")
    void prunesAfter90Days() throws IOException {
        try (Database db = Database.open(dir.resolve("vault.db"))) {
            new ActivityLog(db, Clock.fixed(NOW.minus(Duration.ofDays(91)), ZoneOffset.UTC))
                    .record(ActivityKind.LINK_CREATED, Map.of("link", "old"));
            new ActivityLog(db, Clock.fixed(NOW.minus(Duration.ofDays(89)), ZoneOffset.UTC))
                    .record(ActivityKind.LINK_CREATED, Map.of("link", "recent"));
            ActivityLog log = new ActivityLog(db, Clock.fixed(NOW, ZoneOffset.UTC));
            assertThat(log.list(Instant.EPOCH)).extracting(e -> e.detail().get("link")).containsExactly("recent");
        }
    }

    @Test
    @DisplayName("events from serve keep only allowed fields: a tunnel's public URL is dropped, its state kept")
    void eventSinkFiltersFields() throws IOException {
        record TunnelStatusChanged(String state, String publicUrl, String reason) implements AppEvent {
            @Override
            public String type() {
                return "tunnel_status_changed";
            }
        }
        try (Database db = Database.open(dir.resolve("vault.db"))) {
            ActivityLog log = new ActivityLog(db, Clock.fixed(NOW, ZoneOffset.UTC));
            new ActivityEvents(log).publish(new TunnelStatusChanged("online", "https://a-b.trycloudflare.com", null));
            ActivityEntry e = log.list(Instant.EPOCH).getFirst();
            assertThat(e.knownKind()).isEqualTo(ActivityKind.TUNNEL_STATUS_CHANGED);
            assertThat(e.detail()).containsExactly(Map.entry("state", "online"));
        }
    }

    @Test
    @DisplayName("failed unlocks and uploads on revoked links are marked unusual and read in plain German")
    void unusualAndPlainText() throws IOException {
        try (Database db = Database.open(dir.resolve("vault.db"))) {
            ActivityLog log = new ActivityLog(db, Clock.fixed(NOW, ZoneOffset.UTC));
            log.record(ActivityKind.UNLOCK_FAILED, Map.of("mode", "passphrase"));
            log.record(ActivityKind.UPLOAD_REFUSED, Map.of("link", "l1", "code", "link_revoked"));
            log.record(ActivityKind.UPLOAD_RECEIVED, Map.of("document", "d1", "size", 2_516_582));
            var entries = log.list(Instant.EPOCH);
            assertThat(entries).extracting(ActivityEntry::unusual).containsExactly(true, true, false);
            ActivityText de = new ActivityText(Locale.GERMAN, ZoneId.of("Europe/Berlin"));
            assertThat(de.line(entries.get(2))).isEqualTo("3. Dezember 2026, 15:05  Ein Dokument ist angekommen (2,4 MB).");
            assertThat(de.line(entries.get(0))).contains("[Auffällig]").contains("falsches Passwort");
            ActivityText en = new ActivityText(Locale.ENGLISH, ZoneId.of("Europe/Berlin"));
            assertThat(en.text(entries.get(1))).isEqualTo("A file was refused (reason: link_revoked).");
        }
    }
}
