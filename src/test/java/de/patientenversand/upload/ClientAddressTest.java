package de.patientenversand.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the failed-lookup limit counts per client address, and CF-Connecting-IP only on the tunnel's listener")
class ClientAddressTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("on the tunnel listener each CF-Connecting-IP (IPv6 per /64) has its own count; on the normal listener the header is ignored")
    void perAddress() throws Exception {
        try (TestServer server = new TestServer(dir, TestServer.smallLimits());
             UploadServer tunnel = server.stack.server(List.of(new UploadServer.Listener("127.0.0.1", 0,
                     ClientAddressResolver.trustedHeader("CF-Connecting-IP"))))) {
            tunnel.start();
            int allowed = UploadLimits.defaults().failedLookupsAllowed();
            for (int i = 0; i < allowed; i++) {
                assertThat(RawHttp.get(tunnel.port(), "/u/g" + i, "CF-Connecting-IP: 2001:db8:1:2::" + (i + 1)).status()).isEqualTo(404);
            }
            assertThat(RawHttp.get(tunnel.port(), "/u/x", "CF-Connecting-IP: 2001:db8:1:2:ffff::9").status()).isEqualTo(429);
            assertThat(RawHttp.get(tunnel.port(), "/u/x", "CF-Connecting-IP: 2001:db8:1:3::1").status()).isEqualTo(404);
            assertThat(RawHttp.get(tunnel.port(), "/u/x", "CF-Connecting-IP: 203.0.113.7").status()).isEqualTo(404);
            for (int i = 0; i < allowed; i++) {
                RawHttp.get(server.port(), "/u/n" + i, "CF-Connecting-IP: 198.51.100." + i);
            }
            assertThat(RawHttp.get(server.port(), "/u/x", "CF-Connecting-IP: 192.0.2.99").status()).isEqualTo(429);
            // a blocked address gets 429 for the real link too (a hit is never confirmed); another one uploads
            assertThat(RawHttp.post(tunnel.port(), server.uploadPath(), Body.TYPE, new Body().file("a.pdf", Fixtures.PDF).end().bytes(),
                    "CF-Connecting-IP: 2001:db8:1:2::1").status()).isEqualTo(429);
            assertThat(RawHttp.post(tunnel.port(), server.uploadPath(), Body.TYPE, new Body().file("a.pdf", Fixtures.PDF).end().bytes(),
                    "CF-Connecting-IP: 2001:db8:1:3::1").status()).isEqualTo(201);
        }
    }
}
