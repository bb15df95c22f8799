package de.patientenversand.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The receiving status in plain words")
class ServerStatusTest {
    private final I18n de = I18n.forLanguage("de");

    @Test
    @DisplayName("online says Erreichbar für Praxen; a failure says Offline with the reason; a new address raises the notice")
    void tunnelStates() {
        ServerStatus status = new ServerStatus(de);
        status.apply(new ServerEvent(ServerEvent.LISTENING, Map.of("url", "http://127.0.0.1:4711")));
        assertThat(status.baseUrlProperty().get()).isEqualTo("http://127.0.0.1:4711");
        assertThat(status.textProperty().get()).isEqualTo(de.text("status.connecting"));

        status.apply(new ServerEvent("tunnel_status_changed", Map.of("state", "online", "publicUrl", "https://a.trycloudflare.com")));
        assertThat(status.textProperty().get()).isEqualTo("Erreichbar für Praxen");
        assertThat(status.baseUrlProperty().get()).isEqualTo("https://a.trycloudflare.com");
        assertThat(status.addressChangedProperty().get()).isFalse();

        status.apply(new ServerEvent("tunnel_status_changed", Map.of("state", "failed", "reason", "no_network")));
        assertThat(status.textProperty().get()).startsWith("Offline: ").doesNotContain("tunnel.reason");
        assertThat(status.reachableProperty().get()).isFalse();

        status.apply(new ServerEvent("tunnel_status_changed", Map.of("state", "failed", "reason", "something_new")));
        assertThat(status.textProperty().get()).isEqualTo(de.text("status.offline", de.text("status.reason.unknown")));

        status.apply(new ServerEvent("tunnel_status_changed", Map.of("state", "online", "publicUrl", "https://b.trycloudflare.com")));
        assertThat(status.addressChangedProperty().get()).isTrue();
        assertThat(status.baseUrlProperty().get()).isEqualTo("https://b.trycloudflare.com");
    }

    @Test
    @DisplayName("this-computer-only mode says so, and a crash says when receiving restarts")
    void localOnlyAndCrash() {
        ServerStatus status = new ServerStatus(de);
        status.tunnelMode("off");
        status.apply(new ServerEvent(ServerEvent.LISTENING, Map.of("url", "http://127.0.0.1:1")));
        assertThat(status.textProperty().get()).isEqualTo("Nur auf diesem Computer erreichbar");
        status.apply(new ServerEvent(ServerEvent.CRASHED, Map.of("restartInSeconds", 4)));
        assertThat(status.textProperty().get()).isEqualTo("Der Empfang wurde unerwartet beendet. Er startet in 4 Sekunden neu.");
    }
}
