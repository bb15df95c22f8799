package de.patientenversand.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.patientenversand.common.events.AppEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TunnelSupervisorTest {
    static final String BOX_URL = "2023-04-18T14:06:49Z INF |  https://buffalo-marco-cardiff-motel.trycloudflare.com                                     |";
    static final String URL = "https://buffalo-marco-cardiff-motel.trycloudflare.com";
    static final String BOX_URL_2 = "2023-04-18T14:06:49Z INF |  https://river-garden-lamp-quiet.trycloudflare.com                                         |";
    static final String REGISTERED = "2024-02-08T06:25:48Z INF Registered tunnel connection connIndex=0 connection=830bf962-7674-4e02-b648-65177c832c67 event=0 ip=198.41.192.167 location=lax08 protocol=quic";
    static final String REGISTERED_1 = "2024-02-08T06:25:48Z INF Registered tunnel connection connIndex=1 connection=8219b8a8-9cc6-49bd-bb62-df0c1219b424 event=0 ip=198.41.200.43 location=sjc07 protocol=quic";
    static final String NO_NETWORK = "failed to request quick Tunnel: Post \"https://api.trycloudflare.com/tunnel\": dial tcp: lookup api.trycloudflare.com on 127.0.0.11:53: no such host";
    static final String TOKEN = "eyJhIjoiZmFrZS1hY2NvdW50IiwidCI6ImZha2UtdHVubmVsIiwicyI6InNlY3JldCJ9";

    final FakeStarter starter = new FakeStarter();
    final ManualScheduler scheduler = new ManualScheduler();
    final List<TunnelStatusChanged> events = new CopyOnWriteArrayList<>();
    Optional<Path> binary = Optional.of(Path.of("/opt/cf/cloudflared"));

    TunnelSupervisor supervisor(TunnelMode mode, String token, String publicUrl) {
        TunnelConfig config = TunnelConfig.of(mode, 41234, token, publicUrl)
                .withTimings(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(1));
        return new TunnelSupervisor(config, () -> binary, starter, scheduler, (AppEvent e) -> events.add((TunnelStatusChanged) e));
    }

    TunnelSupervisor quick() {
        return supervisor(TunnelMode.QUICK, null, null);
    }

    List<String> states() {
        return events.stream().map(TunnelStatusChanged::state).toList();
    }

    TunnelStatusChanged lastEvent() {
        return events.get(events.size() - 1);
    }

    @Test
    @DisplayName("a quick tunnel starts cloudflared with the documented command and goes online with the boxed address")
    void quickGoesOnline() {
        TunnelSupervisor s = quick();
        s.start();
        assertThat(starter.commands.get(0)).containsExactly("/opt/cf/cloudflared", "tunnel", "--no-autoupdate", "--url", "http://127.0.0.1:41234");
        assertThat(s.status().state()).isEqualTo(TunnelState.STARTING);
        starter.last().line(BOX_URL);
        assertThat(s.status().state()).as("the address alone is not yet reachable").isEqualTo(TunnelState.STARTING);
        starter.last().line(REGISTERED);
        starter.last().line(REGISTERED_1);
        assertThat(s.status()).isEqualTo(new TunnelStatus(TunnelState.ONLINE, URL, null));
        assertThat(events).containsExactly(
                new TunnelStatusChanged("starting", null, null, false),
                new TunnelStatusChanged("online", URL, null, false));
        assertThat(events.get(0).type()).isEqualTo("tunnel_status_changed");
    }

    @Test
    @DisplayName("a registered connection without a boxed address does not count as online for a quick tunnel")
    void registeredWithoutUrl() {
        TunnelSupervisor s = quick();
        s.start();
        starter.last().line(REGISTERED);
        assertThat(s.status().state()).isEqualTo(TunnelState.STARTING);
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(s.status()).isEqualTo(new TunnelStatus(TunnelState.FAILED, null, TunnelReason.START_TIMEOUT));
    }

    @Test
    @DisplayName("no network: the attempt fails at once with reason no_network and cloudflared is stopped")
    void noNetworkFails() throws InterruptedException {
        TunnelSupervisor s = quick();
        s.start();
        FakeStarter.FakeChild first = starter.last();
        first.line("2021-09-03T10:44:38Z INF Requesting new quick Tunnel on trycloudflare.com...");
        first.line(NO_NETWORK);
        assertThat(s.status()).isEqualTo(new TunnelStatus(TunnelState.FAILED, null, TunnelReason.NO_NETWORK));
        assertThat(first.awaitStopped()).isTrue();
        first.exit(1); // the late exit of the given-up child changes nothing
        assertThat(states()).containsExactly("starting", "failed");
        assertThat(lastEvent().reason()).isEqualTo("no_network");
    }

    @Test
    @DisplayName("the start timeout fails the attempt, and a restart follows after the backoff")
    void startTimeoutThenRestart() throws InterruptedException {
        TunnelSupervisor s = quick();
        s.start();
        FakeStarter.FakeChild first = starter.last();
        scheduler.advance(Duration.ofSeconds(29));
        assertThat(s.status().state()).isEqualTo(TunnelState.STARTING);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(s.status()).isEqualTo(new TunnelStatus(TunnelState.FAILED, null, TunnelReason.START_TIMEOUT));
        assertThat(first.awaitStopped()).isTrue();
        scheduler.advance(Duration.ofMillis(999));
        assertThat(starter.children).hasSize(1);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(starter.children).hasSize(2);
        assertThat(s.status().state()).isEqualTo(TunnelState.STARTING);
        starter.last().line(BOX_URL);
        starter.last().line(REGISTERED);
        assertThat(states()).containsExactly("starting", "failed", "starting", "online");
    }

    @Test
    @DisplayName("an exit before registering fails with the reason seen in the log, else crashed")
    void exitBeforeOnline() {
        TunnelSupervisor s = quick();
        s.start();
        starter.last().line("2026-05-29T09:25:34Z ERR Error unmarshaling QuickTunnel response: error code: 1015 error=\"invalid character 'e' looking for beginning of value\" status_code=\"429 Too Many Requests\"");
        assertThat(s.status().reason()).isEqualTo(TunnelReason.QUICK_TUNNEL_RATE_LIMITED);
        scheduler.advance(Duration.ofSeconds(1));
        starter.last().exit(1);
        assertThat(s.status()).isEqualTo(new TunnelStatus(TunnelState.FAILED, null, TunnelReason.CRASHED));
    }

    @Test
    @DisplayName("a crash while online: reconnecting with the old address, then online with the new one (urlChanged)")
    void crashWhileOnline() {
        TunnelSupervisor s = quick();
        s.start();
        starter.last().line(BOX_URL);
        starter.last().line(REGISTERED);
        starter.last().exit(1);
        assertThat(s.status()).isEqualTo(new TunnelStatus(TunnelState.RECONNECTING, URL, TunnelReason.CRASHED));
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(starter.children).hasSize(2);
        assertThat(s.status().state()).as("restarting stays reconnecting").isEqualTo(TunnelState.RECONNECTING);
        starter.last().line(BOX_URL_2);
        starter.last().line(REGISTERED);
        assertThat(s.status().publicUrl()).isEqualTo("https://river-garden-lamp-quiet.trycloudflare.com");
        assertThat(states()).containsExactly("starting", "online", "reconnecting", "online");
        assertThat(lastEvent().urlChanged()).isTrue();
    }

    @Test
    @DisplayName("losing every edge connection: reconnecting, and online again with the same address when one registers")
    void connectionsLost() {
        TunnelSupervisor s = quick();
        s.start();
        starter.last().line(BOX_URL);
        starter.last().line(REGISTERED);
        starter.last().line(REGISTERED_1);
        starter.last().line("2022-04-26T13:19:06Z INF Unregistered tunnel connection connIndex=0");
        assertThat(s.status().state()).as("one connection left").isEqualTo(TunnelState.ONLINE);
        starter.last().line("2022-04-26T13:19:06Z INF Unregistered tunnel connection connIndex=1");
        assertThat(s.status()).isEqualTo(new TunnelStatus(TunnelState.RECONNECTING, URL, TunnelReason.CONNECTION_LOST));
        starter.last().line(REGISTERED);
        assertThat(s.status()).isEqualTo(new TunnelStatus(TunnelState.ONLINE, URL, null));
        assertThat(lastEvent().urlChanged()).isFalse();
        assertThat(starter.children).hasSize(1);
    }

    @Test
    @DisplayName("reconnecting for longer than the timeout fails and restarts cloudflared")
    void reconnectTimeout() throws InterruptedException {
        TunnelSupervisor s = quick();
        s.start();
        starter.last().line(BOX_URL);
        starter.last().line(REGISTERED);
        starter.last().line("2022-04-26T13:19:06Z INF Unregistered tunnel connection connIndex=0");
        starter.last().line("2022-12-07T07:58:27Z ERR Unable to establish connection with Cloudflare edge error=\"DialContext error: dial tcp 198.41.200.33:7844: i/o timeout\" connIndex=0 ip=198.41.200.33");
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(s.status()).isEqualTo(new TunnelStatus(TunnelState.FAILED, null, TunnelReason.NO_NETWORK));
        assertThat(starter.children.get(0).awaitStopped()).isTrue();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(starter.children).hasSize(2);
        assertThat(states()).containsExactly("starting", "online", "reconnecting", "failed", "starting");
    }

    @Test
    @DisplayName("restarts back off exponentially up to the cap, and start over after being online")
    void backoff() {
        TunnelSupervisor s = quick();
        s.start();
        for (int i = 0; i < 6; i++) {
            starter.last().line(NO_NETWORK);
            Duration delay = scheduler.requested.get(scheduler.requested.size() - 1);
            scheduler.advance(delay);
        }
        List<Duration> restarts = scheduler.requested.stream().filter(d -> d.toSeconds() < 30).toList();
        assertThat(restarts).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 8L, 8L);
        starter.last().line(BOX_URL);
        starter.last().line(REGISTERED);
        starter.last().exit(1);
        assertThat(scheduler.requested.get(scheduler.requested.size() - 1)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("stop ends cloudflared and any pending restart")
    void stop() throws InterruptedException {
        TunnelSupervisor s = quick();
        s.start();
        starter.last().line(BOX_URL);
        starter.last().line(REGISTERED);
        s.stop();
        assertThat(starter.last().stopped).isTrue();
        assertThat(s.status()).isEqualTo(TunnelStatus.STOPPED);
        assertThat(states()).containsExactly("starting", "online", "stopped");

        TunnelSupervisor t = quick();
        t.start();
        starter.last().line(NO_NETWORK);
        t.stop();
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(t.status()).isEqualTo(TunnelStatus.STOPPED);
        assertThat(starter.children).hasSize(2);
    }

    @Test
    @DisplayName("stop while starting or reconnecting ends in stopped and ignores the old child's late lines")
    void stopWhileStartingOrReconnecting() {
        TunnelSupervisor s = quick();
        s.start();
        FakeStarter.FakeChild first = starter.last();
        s.stop();
        first.line(BOX_URL);
        first.line(REGISTERED);
        assertThat(s.status()).isEqualTo(TunnelStatus.STOPPED);
        assertThat(first.stopped).isTrue();

        TunnelSupervisor t = quick();
        t.start();
        starter.last().line(BOX_URL);
        starter.last().line(REGISTERED);
        starter.last().line("2022-04-26T13:19:06Z INF Unregistered tunnel connection connIndex=0");
        assertThat(t.status().state()).isEqualTo(TunnelState.RECONNECTING);
        t.stop();
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(t.status()).isEqualTo(TunnelStatus.STOPPED);
        assertThat(starter.last().stopped).isTrue();
        assertThat(states()).containsExactly("starting", "stopped", "starting", "online", "reconnecting", "stopped");
    }

    @Test
    @DisplayName("without cloudflared the status says cloudflared_missing, and it is looked for again later")
    void missing() {
        binary = Optional.empty();
        TunnelSupervisor s = quick();
        s.start();
        assertThat(s.status()).isEqualTo(new TunnelStatus(TunnelState.FAILED, null, TunnelReason.CLOUDFLARED_MISSING));
        binary = Optional.of(Path.of("/opt/cf/cloudflared"));
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(starter.children).hasSize(1);
        assertThat(s.status().state()).isEqualTo(TunnelState.STARTING);
    }

    @Test
    @DisplayName("a process that cannot be started fails with cannot_start")
    void cannotStart() {
        starter.failToStart = true;
        TunnelSupervisor s = quick();
        s.start();
        assertThat(s.status().reason()).isEqualTo(TunnelReason.CANNOT_START);
    }

    @Test
    @DisplayName("mode off starts nothing")
    void off() {
        TunnelSupervisor s = supervisor(TunnelMode.OFF, null, null);
        s.start();
        assertThat(starter.children).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    @DisplayName("starting twice is a bug and fails loudly")
    void startTwice() {
        TunnelSupervisor s = quick();
        s.start();
        assertThatThrownBy(s::start).isInstanceOf(IllegalStateException.class);
    }

    @Nested
    class Named {
        @Test
        @DisplayName("the token goes only into the child's environment, never into the command line or an event")
        void tokenOnlyInEnvironment() {
            TunnelSupervisor s = supervisor(TunnelMode.NAMED, TOKEN, "https://upload.example.org");
            s.start();
            assertThat(starter.commands.get(0)).containsExactly("/opt/cf/cloudflared", "tunnel", "--no-autoupdate", "run");
            assertThat(String.join(" ", starter.commands.get(0))).doesNotContain(TOKEN);
            assertThat(starter.secrets.get(0)).containsEntry("TUNNEL_TOKEN", TOKEN);
            starter.last().line(REGISTERED);
            assertThat(s.status()).isEqualTo(new TunnelStatus(TunnelState.ONLINE, "https://upload.example.org", null));
            assertThat(events.toString()).doesNotContain(TOKEN);
            assertThat(TunnelConfig.of(TunnelMode.NAMED, 48080, TOKEN, null).toString()).doesNotContain(TOKEN);
        }

        @Test
        @DisplayName("without a configured address the named tunnel's host comes from its pushed configuration")
        void hostFromConfiguration() {
            TunnelSupervisor s = supervisor(TunnelMode.NAMED, TOKEN, null);
            s.start();
            starter.last().line("2024-01-01T00:00:00Z INF Updated to new configuration config=\"{\\\"ingress\\\":[{\\\"hostname\\\":\\\"upload.example.org\\\",\\\"service\\\":\\\"http://localhost:48080\\\"},{\\\"service\\\":\\\"http_status:404\\\"}]}\" version=1");
            starter.last().line(REGISTERED);
            assertThat(s.status().publicUrl()).isEqualTo("https://upload.example.org");
        }

        @Test
        @DisplayName("an invalid token fails with token_invalid instead of retrying forever inside cloudflared")
        void invalidToken() {
            TunnelSupervisor s = supervisor(TunnelMode.NAMED, TOKEN, null);
            s.start();
            starter.last().line("2021-08-02T13:44:44Z ERR Register tunnel error from server side error=\"Unauthorized: Invalid tunnel secret\" connIndex=0");
            assertThat(s.status()).isEqualTo(new TunnelStatus(TunnelState.FAILED, null, TunnelReason.TOKEN_INVALID));
        }

        @Test
        @DisplayName("no token at all: token_missing, and cloudflared is not started")
        void missingToken() {
            TunnelSupervisor s = supervisor(TunnelMode.NAMED, " ", null);
            s.start();
            assertThat(s.status().reason()).isEqualTo(TunnelReason.TOKEN_MISSING);
            assertThat(starter.children).isEmpty();
        }
    }

    @Test
    @DisplayName("the state table allows exactly the documented moves")
    void stateTable() {
        assertThat(TunnelState.STOPPED.canMoveTo(TunnelState.STARTING)).isTrue();
        assertThat(TunnelState.STOPPED.canMoveTo(TunnelState.ONLINE)).isFalse();
        assertThat(TunnelState.STARTING.canMoveTo(TunnelState.ONLINE)).isTrue();
        assertThat(TunnelState.STARTING.canMoveTo(TunnelState.RECONNECTING)).isFalse();
        assertThat(TunnelState.ONLINE.canMoveTo(TunnelState.RECONNECTING)).isTrue();
        assertThat(TunnelState.ONLINE.canMoveTo(TunnelState.STARTING)).isFalse();
        assertThat(TunnelState.RECONNECTING.canMoveTo(TunnelState.ONLINE)).isTrue();
        assertThat(TunnelState.RECONNECTING.canMoveTo(TunnelState.FAILED)).isTrue();
        assertThat(TunnelState.FAILED.canMoveTo(TunnelState.STARTING)).isTrue();
        assertThat(TunnelState.FAILED.canMoveTo(TunnelState.ONLINE)).isFalse();
        for (TunnelState s : TunnelState.values()) {
            assertThat(s.canMoveTo(s)).as(s + " to itself").isFalse();
            assertThat(s == TunnelState.STOPPED || s.canMoveTo(TunnelState.STOPPED)).as(s + " can stop").isTrue();
        }
    }
}
