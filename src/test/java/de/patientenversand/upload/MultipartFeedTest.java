package de.patientenversand.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.server.DefaultByteBufferPool;
import io.undertow.util.HeaderMap;
import io.undertow.util.MultipartParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * MultipartFeed hands plain body bytes on without Undertow's parser; what a part handler
 * receives must be exactly what the parser alone gives, however the body is cut into reads and
 * whatever near-delimiters a file contains.
 */
class MultipartFeedTest {
    private static final String BOUNDARY = "----WebKitFormBoundaryAbC123xyz";

    @Test
    @DisplayName("parts, headers and every body byte are the same as with Undertow's parser alone, for 400 tricky bodies in random reads")
    void sameAsTheParserAlone() throws IOException {
        Random random = new Random(9);
        int bodiesWithNearDelimiters = 0;
        for (int round = 0; round < 400; round++) {
            byte[] body = body(random);
            if (new String(body, StandardCharsets.ISO_8859_1).contains("\r\n--" + BOUNDARY.substring(0, 5))) {
                bodiesWithNearDelimiters++;
            }
            List<int[]> cuts = cuts(random, body.length);
            List<String> expected = parse(body, cuts, false);
            List<String> actual = parse(body, cuts, true);
            assertThat(actual).as("round %d", round).isEqualTo(expected);
            assertThat(expected.get(expected.size() - 1)).isEqualTo("complete");
        }
        assertThat(bodiesWithNearDelimiters).isGreaterThan(300);
    }

    @Test
    @DisplayName("a body cut anywhere still yields the file byte for byte, and the closing delimiter completes it")
    void everyCutOfOneFile() throws IOException {
        byte[] file = ("PDF\r\n--" + BOUNDARY.substring(0, 10) + "\r\r\n-\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1) + "x end\r").getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = multipart(List.of(file), false);
        for (int cut = 1; cut < body.length; cut++) {
            List<int[]> cuts = List.of(new int[] {0, cut}, new int[] {cut, body.length});
            List<String> events = parse(body, cuts, true);
            assertThat(events).as("cut at %d", cut).isEqualTo(parse(body, cuts, false));
            assertThat(events).contains("data:" + new String(file, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    @DisplayName("almost every byte of a 5 MB file in 16 KiB reads bypasses the byte-by-byte parser")
    void bypassesTheParser() throws IOException {
        byte[] file = new byte[5 * 1024 * 1024];
        new Random(3).nextBytes(file);
        byte[] body = multipart(List.of(file), false);
        MultipartFeed feed = new MultipartFeed(BOUNDARY.getBytes(StandardCharsets.ISO_8859_1), new Recorder());
        byte[] read = new byte[16 * 1024];
        for (int at = 0; at < body.length; at += read.length) {
            int n = Math.min(read.length, body.length - at);
            System.arraycopy(body, at, read, 0, n);
            feed.feed(read, n);
        }
        assertThat(feed.isComplete()).isTrue();
        assertThat(feed.bypassed()).isGreaterThan(file.length * 95L / 100);
    }

    @Test
    @DisplayName("a malformed part header is refused as before")
    void malformedHeader() {
        byte[] body = ("--" + BOUNDARY + "\r\nno colon here\r\n\r\nx\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> parse(body, List.of(new int[] {0, body.length}), true)).isInstanceOf(IOException.class);
    }

    /** Parses with the feed or with the plain parser, reads cut as given; the events, data merged per part. */
    private static List<String> parse(byte[] body, List<int[]> cuts, boolean feed) throws IOException {
        Recorder r = new Recorder();
        byte[] boundary = BOUNDARY.getBytes(StandardCharsets.ISO_8859_1);
        MultipartFeed f = feed ? new MultipartFeed(boundary, r) : null;
        MultipartParser.ParseState p = feed ? null
                : MultipartParser.beginParse(new DefaultByteBufferPool(false, 4096, 16, 0), r, boundary, "ISO-8859-1");
        for (int[] c : cuts) {
            byte[] read = new byte[16 * 1024];
            int n = c[1] - c[0];
            System.arraycopy(body, c[0], read, 0, n);
            if (feed) {
                if (f.isComplete()) {
                    break;
                }
                f.feed(read, n);
            } else {
                if (p.isComplete()) {
                    break;
                }
                p.parse(ByteBuffer.wrap(read, 0, n));
            }
        }
        r.flush();
        if (feed ? f.isComplete() : p.isComplete()) {
            r.events.add("complete");
        }
        return r.events;
    }

    private static List<int[]> cuts(Random random, int length) {
        List<int[]> cuts = new ArrayList<>();
        for (int at = 0; at < length; ) {
            int n = Math.min(length - at, random.nextInt(4) == 0 ? 1 + random.nextInt(8) : 1 + random.nextInt(16 * 1024));
            cuts.add(new int[] {at, at + n});
            at += n;
        }
        return cuts;
    }

    private static byte[] body(Random random) {
        List<byte[]> files = new ArrayList<>();
        for (int i = 0, parts = 1 + random.nextInt(3); i < parts; i++) {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            int len = random.nextInt(60_000);
            while (f.size() < len) {
                switch (random.nextInt(6)) {
                    case 0 -> f.writeBytes(("\r\n--" + BOUNDARY).substring(0, 1 + random.nextInt(BOUNDARY.length() + 3))
                            .getBytes(StandardCharsets.ISO_8859_1));
                    case 1 -> f.writeBytes("\r\r\n\r\n-\r\n--\r".getBytes(StandardCharsets.ISO_8859_1));
                    default -> {
                        byte[] noise = new byte[random.nextInt(3000)];
                        random.nextBytes(noise);
                        f.writeBytes(noise);
                    }
                }
            }
            files.add(f.toByteArray());
        }
        return multipart(files, random.nextBoolean());
    }

    private static byte[] multipart(List<byte[]> files, boolean withBase64Part) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("preamble\r\n".getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"sender\"\r\n\r\nPraxis\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < files.size(); i++) {
            b.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f" + i
                    + ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            b.writeBytes(files.get(i));
            b.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (withBase64Part) {
            b.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.txt\"\r\n"
                    + "Content-Transfer-Encoding: BASE64\r\n\r\n"
                    + Base64.getEncoder().encodeToString("Befund als base64".getBytes(StandardCharsets.UTF_8)) + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        b.writeBytes(("--" + BOUNDARY + "--\r\nepilogue").getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }

    private static final class Recorder implements MultipartParser.PartHandler {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream data = new ByteArrayOutputStream();

        @Override
        public void beginPart(HeaderMap headers) {
            flush();
            events.add("begin:" + headers.getFirst("Content-Disposition") + "|" + headers.getFirst("Content-Transfer-Encoding"));
        }

        @Override
        public void data(ByteBuffer buffer) {
            byte[] b = new byte[buffer.remaining()];
            buffer.get(b);
            data.writeBytes(b);
        }

        @Override
        public void endPart() {
            flush();
            events.add("end");
        }

        void flush() {
            if (data.size() > 0) {
                events.add("data:" + data.toString(StandardCharsets.ISO_8859_1));
                data.reset();
            }
        }
    }
}
