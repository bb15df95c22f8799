package de.patientenversand.upload;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.links.LinkDirectory;
import de.patientenversand.links.LinkLookup;
import io.undertow.server.HttpHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The trust rule of DESIGN.md section 7 on a real Undertow server with both listeners:
 * {@code CF-Connecting-IP} counts on the tunnel's listener and is ignored on the normal one.
 */
class TunnelClientAddressTest {
    static final String UNKNOWN = "/u/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    UploadServer server;
    final HttpClient http = HttpClient.newHttpClient();
    final ErrorResponder errors = new ErrorResponder();

    @BeforeEach
    void start() {
        UploadLimits limits = UploadLimits.defaults();
        FailedLookupLimiter limiter = new FailedLookupLimiter(3, limits.failedLookupWindow(), Clock.systemUTC());
        HttpHandler echo = ex -> ex.getResponseSender().send(ClientAddressHandler.clientAddress(ex).getHostAddress());
        HttpHandler tokens = new LinkTokenHandler(new NoLinks(), limiter, errors, echo);
        HttpHandler router = ex -> {
            if (ex.getRelativePath().startsWith("/u/")) {
                tokens.handleRequest(ex);
            } else {
                echo.handleRequest(ex);
            }
        };
        server = new UploadServer(limits, router, errors, List.of(
                new UploadServer.Listener("127.0.0.1", 0, ClientAddressResolver.PEER),
                new UploadServer.Listener("127.0.0.1", 0, new TunnelClientAddress())));
        server.start();
    }

    /** A directory in which no token exists. */
    static final class NoLinks implements LinkDirectory {
        @Override
        public LinkLookup lookup(String token) {
            return new LinkLookup.Unknown();
        }

        @Override
        public boolean claimDocument(String linkId) {
            return false;
        }

        @Override
        public void releaseDocument(String linkId) {
        }
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    HttpResponse<String> get(int listener, String path, String cfIp) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port(listener) + path));
        if (cfIp != null) {
            b.header("CF-Connecting-IP", cfIp);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("on the tunnel's listener the client is the address in CF-Connecting-IP")
    void tunnelListenerHonoursHeader() throws Exception {
        assertThat(get(1, "/who", "203.0.113.7").body()).isEqualTo("203.0.113.7");
        assertThat(get(1, "/who", "2001:db8::1").body()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(get(1, "/who", null).body()).as("no header: the peer").isEqualTo("127.0.0.1");
        assertThat(get(1, "/who", "evil.example.org").body()).as("never a host name").isEqualTo("127.0.0.1");
    }

    @Test
    @DisplayName("on the normal listener CF-Connecting-IP is ignored")
    void normalListenerIgnoresHeader() throws Exception {
        assertThat(get(0, "/who", "203.0.113.7").body()).isEqualTo("127.0.0.1");
    }

    @Test
    @DisplayName("through the tunnel, guessing links is limited per practice address; another address is not blocked")
    void rateLimitPerForwardedAddress() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get(1, UNKNOWN, "203.0.113.7").statusCode()).isEqualTo(404);
        }
        assertThat(get(1, UNKNOWN, "203.0.113.7").statusCode()).isEqualTo(429);
        assertThat(get(1, UNKNOWN, "198.51.100.9").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("through the tunnel, IPv6 addresses of one /64 share one limit")
    void ipv6Per64() throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertThat(get(1, UNKNOWN, "2001:db8:1:2::" + i).statusCode()).isEqualTo(404);
        }
        assertThat(get(1, UNKNOWN, "2001:db8:1:2:ffff::9").statusCode()).isEqualTo(429);
        assertThat(get(1, UNKNOWN, "2001:db8:1:3::1").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("on the normal listener a changing CF-Connecting-IP does not escape the limit")
    void normalListenerCannotDodge() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get(0, UNKNOWN, "203.0.113." + i).statusCode()).isEqualTo(404);
        }
        assertThat(get(0, UNKNOWN, "203.0.113.99").statusCode()).isEqualTo(429);
    }
}
