package de.patientenversand.upload;

import static de.patientenversand.upload.PracticeServer.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T20 of upload-cases.md: behind Cloudflare a request that lasts more than about 100 s ends in
 * a 524. Two things keep every request short: the server encrypts while the body streams in (so
 * it answers right after the last byte), and the page sends big files in tus chunks.
 */
@DisplayName("T20 uploads lasting more than 100 s must not end in a Cloudflare 524")
class T20LongUploadsTest {
    private static final int SIZE = Boolean.getBoolean("pv.long") ? 45_000_000 : 20_000_000;
    /** Cloudflare's proxy read timeout, and the slow practice uplink of the case (100 kB/s). */
    private static final long EDGE_TIMEOUT_SECONDS = 100;
    private static final long SLOW_UPLINK_BYTES_PER_SECOND = 100_000;

    @TempDir
    Path dir;
    PracticeServer server;

    @BeforeEach
    void start() throws Exception {
        server = new PracticeServer(dir, UploadLimits.defaults().withDiskReserveBytes(0), Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("T20 (b): the answer starts right after the last byte, because encryption runs while the body streams in")
    void answerFollowsTheLastByte() throws Exception {
        byte[] pdf = Fixtures.bigPdf(SIZE, 20);
        byte[] head = ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Befund_gross.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\r\n--XyZ--\r\n".getBytes(StandardCharsets.US_ASCII);
        long length = head.length + (long) pdf.length + tail.length;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + server.linkPath() + "/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                    + "Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: " + length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            int half = pdf.length / 2;
            out.write(pdf, 0, half);
            out.flush();
            assertThat(encryptedSoFar(half / 2)).as("while the body still streams in, its encrypted part grows in tmp/")
                    .isGreaterThanOrEqualTo(half / 2);
            out.write(pdf, half, pdf.length - half);
            out.write(tail);
            out.flush();
            long lastByteSent = System.nanoTime();
            InputStream in = socket.getInputStream();
            int first = in.read();
            long answerStarted = System.nanoTime();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            answer.write(first);
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            assertThat(text).startsWith("HTTP/1.1 201");
            // generous: on an idle machine this is a few milliseconds (fsync and one SQLite commit);
            // were the file encrypted only after arrival it would grow with the file's size
            assertThat(Duration.ofNanos(answerStarted - lastByteSent)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(server.unlockAndRead()).singleElement()
                .satisfies(d -> assertThat(d.sha256()).isEqualTo(sha256(pdf)));
    }

    /** Waits (at most 10 s) until the vault's tmp/ holds an encrypted partial file of at least {@code bytes}. */
    private long encryptedSoFar(long bytes) throws Exception {
        long largest = 0;
        for (int i = 0; i < 200 && largest < bytes; i++) {
            for (Path p : server.partialFiles()) {
                largest = Math.max(largest, Files.size(p));
            }
            Thread.sleep(50);
        }
        return largest;
    }

    @Test
    @DisplayName("T20 (a): the page sends in tus chunks small enough that one request on a 100 kB/s line stays under 100 s")
    void pageChunksStayUnderTheEdgeTimeout() throws Exception {
        String script = Files.readString(Path.of("web", "src", "upload.js"));
        Matcher m = Pattern.compile("const CHUNK_SIZE = (\\d+) \\* 1024 \\* 1024").matcher(script);
        assertThat(m.find()).as("the page sets a tus chunk size in MiB").isTrue();
        long chunk = Long.parseLong(m.group(1)) * 1024 * 1024;
        assertThat(chunk / SLOW_UPLINK_BYTES_PER_SECOND).isLessThan(EDGE_TIMEOUT_SECONDS);
        assertThat(script).as("a timeout from the edge gets the plain timeout message, never Cloudflare's page")
                .contains("error.timeout");
    }
}
