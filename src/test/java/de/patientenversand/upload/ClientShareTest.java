package de.patientenversand.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("each client address has a share of the requests in progress; beyond it 503 busy, others go on")
class ClientShareTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @DisplayName("two stalled uploads use up one address's share of 2: its next request gets 503 busy with "
            + "Retry-After at once; another address, and another CF-Connecting-IP on the tunnel listener, upload")
    void perAddress() throws Exception {
        UploadLimits limits = TestServer.smallLimits().withMaxRequestsPerClient(2);
        try (TestServer server = new TestServer(dir, limits);
             UploadServer tunnel = server.stack.server(List.of(new UploadServer.Listener("127.0.0.1", 0,
                     ClientAddressResolver.trustedHeader("CF-Connecting-IP"))))) {
            tunnel.start();
            InetAddress loopback = InetAddress.getLoopbackAddress();
            InetAddress busyOne = InetAddress.getByName("127.0.0.1");
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Socket s = new Socket(loopback, server.port(), busyOne, 0);
                    stalled.add(s);
                    OutputStream out = s.getOutputStream();
                    out.write(("POST " + server.uploadPath() + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + Body.TYPE
                            + "\r\nContent-Length: 100000\r\n\r\n--XyZ\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                long deadline = System.currentTimeMillis() + 3000;
                int max = limits.maxConcurrentUploads();
                while (server.stack.policy().slots().available() > max - 2 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                byte[] body = new Body().file("a.pdf", Fixtures.PDF).end().bytes();
                byte[] head = ("POST " + server.uploadPath() + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + Body.TYPE
                        + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
                long t0 = System.nanoTime();
                RawHttp.Response refused = RawHttp.exchange(busyOne, server.port(), head, body);
                assertThat(refused.status()).isEqualTo(503);
                assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("busy");
                assertThat(refused.header("Retry-After")).isNotBlank();
                assertThat((System.nanoTime() - t0) / 1_000_000).as("refused at once, not after a wait").isLessThan(1500);
                assertThat(RawHttp.getFrom(busyOne, server.port(), "/u/" + server.link.token()).status())
                        .as("the page too: the share counts every link request").isEqualTo(503);

                RawHttp.Response other = RawHttp.exchange(InetAddress.getByName("127.0.0.2"), server.port(), head, body);
                assertThat(other.status()).as(other.body()).isEqualTo(201);
                byte[] viaTunnel = ("POST " + server.uploadPath() + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + Body.TYPE
                        + "\r\nCF-Connecting-IP: 203.0.113.9\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                RawHttp.Response tunnelled = RawHttp.exchange(busyOne, tunnel.port(), viaTunnel, body);
                assertThat(tunnelled.status()).as("a practice behind the tunnel, from the same peer: " + tunnelled.body())
                        .isEqualTo(201);
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
            long deadline = System.currentTimeMillis() + 5000;
            while (server.stack.policy().slots().available() < limits.maxConcurrentUploads()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.upload(new Body().file("b.pdf", Fixtures.PDF).end()).status())
                    .as("the share is given back when the requests end").isEqualTo(201);
        }
    }

    @Test
    @DisplayName("partial tus uploads live for hours: one address may hold 4 × its share of them; its next creation "
            + "gets 503 busy, another address's page still creates its upload")
    void partialUploadsPerAddress() throws Exception {
        UploadLimits limits = PracticeServer.limits().withMaxRequestsPerClient(2);
        try (PracticeServer server = new PracticeServer(dir, limits, java.time.Duration.ofHours(6))) {
            InetAddress hoarder = InetAddress.getByName("127.0.0.1");
            for (int i = 0; i < 8; i++) {
                assertThat(create(server, hoarder).status()).as("partial upload " + (i + 1)).isEqualTo(201);
            }
            RawHttp.Response refused = create(server, hoarder);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("busy");
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(create(server, InetAddress.getByName("127.0.0.2")).status())
                    .as("another practice's page").isEqualTo(201);
        }
    }

    private static RawHttp.Response create(PracticeServer server, InetAddress from) throws java.io.IOException {
        byte[] head = ("POST " + server.linkPath() + "/tus/ HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\n"
                + "Upload-Length: 1000\r\nUpload-Metadata: filename YS5wZGY=\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return RawHttp.exchange(from, server.port(), head, new byte[0]);
    }
}
