package de.patientenversand.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients such as curl send {@code Expect: 100-continue} before a large body and wait (curl: 1 s)
 * for the server's go-ahead; without it every request of an upload paid that wait (issue #9:
 * 13 tus PATCHes took 14 s instead of under 1 s).
 */
@DisplayName("Expect: 100-continue")
class ExpectContinueTest {
    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir, TestServer.smallLimits());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("an upload that asks first gets 100 Continue before it sends the body, then its receipt")
    void continueThenReceipt() throws Exception {
        byte[] body = new Body().file("Befund.pdf", Fixtures.PDF).end().bytes();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(head(server.uploadPath(), body.length).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            assertThat(readUntilBlankLine(in)).startsWith("HTTP/1.1 100");
            out.write(body);
            out.flush();
            String answer = readUntilBlankLine(in);
            assertThat(answer).startsWith("HTTP/1.1 201");
        }
        assertThat(server.documentCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("an unknown link is refused with 404 at once, without inviting the body")
    void unknownLinkRefusedFirst() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(head("/u/" + "A".repeat(43) + "/upload", 1_000_000).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(readUntilBlankLine(s.getInputStream())).startsWith("HTTP/1.1 404");
        }
        assertThat(server.documentCount()).isZero();
    }

    private static String head(String path, int length) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + Body.TYPE
                + "\r\nContent-Length: " + length + "\r\nExpect: 100-continue\r\n\r\n";
    }

    private static String readUntilBlankLine(InputStream in) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
