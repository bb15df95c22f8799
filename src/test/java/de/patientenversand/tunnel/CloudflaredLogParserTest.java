package de.patientenversand.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Lines below are in the exact format of real cloudflared logs (see fake-cloudflared.sh for sources). */
class CloudflaredLogParserTest {
    private final CloudflaredLogParser parser = new CloudflaredLogParser();

    @Test
    @DisplayName("the quick tunnel's address is read from the boxed line")
    void boxedUrl() {
        assertThat(parser.parse("2023-04-18T14:06:49Z INF |  https://buffalo-marco-cardiff-motel.trycloudflare.com                                     |"))
                .contains(new LogSignal.QuickUrl("https://buffalo-marco-cardiff-motel.trycloudflare.com"));
    }

    @Test
    @DisplayName("the box's frame and title are not an address")
    void boxFrameIsNoUrl() {
        assertThat(parser.parse("2023-04-18T14:06:49Z INF +--------------------------------------------------------------------------------------------+")).isEmpty();
        assertThat(parser.parse("2023-04-18T14:06:49Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |")).isEmpty();
    }

    @Test
    @DisplayName("an error line naming api.trycloudflare.com gives no address but a no-network reason")
    void errorLineWithTrycloudflareUrl() {
        var signal = parser.parse("failed to request quick Tunnel: Post \"https://api.trycloudflare.com/tunnel\": dial tcp: lookup api.trycloudflare.com on 127.0.0.11:53: no such host");
        assertThat(signal).contains(new LogSignal.Failure(TunnelReason.NO_NETWORK, true));
        var refused = parser.parse("failed to request quick Tunnel: Post \"https://api.trycloudflare.com/tunnel\": EOF");
        assertThat(refused).contains(new LogSignal.Failure(TunnelReason.QUICK_TUNNEL_REFUSED, true));
    }

    @Test
    @DisplayName("a trycloudflare address anywhere else in a line is ignored")
    void urlOutsideTheBoxIgnored() {
        assertThat(parser.parse("2026-01-01T00:00:00Z INF Visit https://evil-name-here-now.trycloudflare.com now")).isEmpty();
        assertThat(parser.parse("2026-01-01T00:00:00Z INF |  https://api.trycloudflare.com  |")).isEmpty();
    }

    @Test
    @DisplayName("Registered tunnel connection (and the older 'Connection … registered') means online")
    void registered() {
        assertThat(parser.parse("2024-02-08T06:25:48Z INF Registered tunnel connection connIndex=0 connection=830bf962-7674-4e02-b648-65177c832c67 event=0 ip=198.41.192.167 location=lax08 protocol=quic"))
                .contains(new LogSignal.Registered(0));
        assertThat(parser.parse("2022-06-01T16:23:12Z INF Connection c206cf44-945f-4c3c-a85c-af60c6338dc2 registered connIndex=2 location=ORD"))
                .contains(new LogSignal.Registered(2));
        assertThat(parser.parse("2022-04-26T13:19:06Z INF Unregistered tunnel connection connIndex=3"))
                .contains(new LogSignal.Unregistered(3));
    }

    @Test
    @DisplayName("quick tunnel rate limiting (429, error 1015) has its own reason")
    void rateLimited() {
        assertThat(parser.parse("2026-05-29T09:25:34Z ERR Error unmarshaling QuickTunnel response: error code: 1015 error=\"invalid character 'e' looking for beginning of value\" status_code=\"429 Too Many Requests\""))
                .contains(new LogSignal.Failure(TunnelReason.QUICK_TUNNEL_RATE_LIMITED, true));
        assertThat(parser.parse("failed to unmarshal quick Tunnel: invalid character 'e' looking for beginning of value"))
                .contains(new LogSignal.Failure(TunnelReason.QUICK_TUNNEL_REFUSED, true));
    }

    @Test
    @DisplayName("an invalid named-tunnel token is recognised")
    void tokenInvalid() {
        assertThat(parser.parse("2021-08-02T13:44:44Z ERR Register tunnel error from server side error=\"Unauthorized: Invalid tunnel secret\" connIndex=0"))
                .contains(new LogSignal.Failure(TunnelReason.TOKEN_INVALID, true));
        assertThat(parser.parse("Provided Tunnel token is not valid."))
                .contains(new LogSignal.Failure(TunnelReason.TOKEN_INVALID, true));
    }

    @Test
    @DisplayName("edge connection errors are a non-fatal no-network hint")
    void edgeErrors() {
        var expected = new LogSignal.Failure(TunnelReason.NO_NETWORK, false);
        assertThat(parser.parse("2024-02-08T06:25:54Z WRN Failed to create new quic connection error=\"failed to dial to edge with quic: timeout: no recent network activity\" connIndex=2 event=0 ip=198.41.192.57"))
                .contains(expected);
        assertThat(parser.parse("2022-12-07T07:58:27Z ERR Unable to establish connection with Cloudflare edge error=\"DialContext error: dial tcp 198.41.200.33:7844: i/o timeout\" connIndex=0 ip=198.41.200.33"))
                .contains(expected);
    }

    @Test
    @DisplayName("a named tunnel's host name is read from the configuration pushed by the dashboard")
    void namedHostname() {
        assertThat(parser.parse("2024-01-01T00:00:00Z INF Updated to new configuration config=\"{\\\"ingress\\\":[{\\\"hostname\\\":\\\"Upload.Example.org\\\",\\\"originRequest\\\":{},\\\"service\\\":\\\"http://localhost:48080\\\"},{\\\"service\\\":\\\"http_status:404\\\"}]}\" version=1"))
                .contains(new LogSignal.NamedHostname("upload.example.org"));
    }

    @Test
    @DisplayName("ordinary lines mean nothing")
    void ordinary() {
        assertThat(parser.parse("2021-09-03T10:44:38Z INF Requesting new quick Tunnel on trycloudflare.com...")).isEmpty();
        assertThat(parser.parse("")).isEmpty();
    }
}
