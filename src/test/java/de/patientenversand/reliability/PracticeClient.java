package de.patientenversand.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.upload.Body;
import de.patientenversand.upload.RawHttp;
import de.patientenversand.upload.TusClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A practice sending documents to a running server the two ways the page and scripts do: one
 * multipart request, or the page's flow (open a submission, tus PATCHes, complete). Every
 * document carries a plaintext marker, so a scan of the disk can prove that none of it was
 * written in the clear. For load, {@link Streamed} documents are made on the fly from a seed and
 * streamed from a local address of their own ({@link #multipart(String, Bytes)},
 * {@link #tus(String, Bytes, int)}), so that many large ones never sit in the test's memory.
 */
final class PracticeClient {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One document as the practice has it. */
    record Doc(String name, byte[] bytes) {
        String sha256() {
            return PracticeClient.sha256(bytes);
        }
    }

    /** One document the practice holds a receipt for. */
    record Confirmed(String submission, String name, long size, String sha256) {
    }

    /**
     * A PDF (by its magic bytes) of {@code size} bytes made on the fly from {@code seed}: the same
     * seed always gives the same bytes, and none of them is held beyond one buffer.
     */
    record Streamed(String name, long size, long seed) {
        private static final byte[] MAGIC = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);

        Bytes open() {
            return new Bytes(this);
        }

        /** The SHA-256 of all the bytes, made by reading them once. */
        String sha256() {
            Bytes b = open();
            byte[] buf = new byte[64 * 1024];
            while (b.remaining() > 0) {
                b.next(buf, (int) Math.min(buf.length, b.remaining()));
            }
            return b.sha256();
        }
    }

    /** The bytes of a {@link Streamed} document in order, with the SHA-256 of what was handed out. */
    static final class Bytes {
        private final Streamed doc;
        private final SplittableRandom random;
        private final MessageDigest digest;
        private final long size;
        private long position;

        private Bytes(Streamed doc) {
            this.doc = doc;
            this.random = new SplittableRandom(doc.seed());
            this.size = doc.size();
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Streamed doc() {
            return doc;
        }

        long remaining() {
            return size - position;
        }

        /** Fills {@code buf[0..n)} with the next n bytes. */
        void next(byte[] buf, int n) {
            if (n > remaining()) {
                throw new IllegalArgumentException("only " + remaining() + " bytes left");
            }
            int i = 0;
            while (i < n && position + i < Streamed.MAGIC.length) {
                buf[i] = Streamed.MAGIC[(int) (position + i)];
                i++;
            }
            while (i < n) {
                long v = random.nextLong();
                for (int k = 0; k < 8 && i < n; k++, i++) {
                    buf[i] = (byte) (v >>> (8 * k));
                }
            }
            digest.update(buf, 0, n);
            position += n;
        }

        /** Writes the next {@code n} bytes to {@code out}. */
        void writeTo(OutputStream out, long n, byte[] buf) throws IOException {
            for (long left = n; left > 0; ) {
                int k = (int) Math.min(buf.length, left);
                next(buf, k);
                out.write(buf, 0, k);
                left -= k;
            }
        }

        String sha256() {
            if (remaining() != 0) {
                throw new IllegalStateException(remaining() + " bytes not read yet");
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static final int STREAM_TIMEOUT_MS = 120_000;
    private final InetAddress from;
    private final int port;
    private final String linkPath;

    PracticeClient(int port, String linkPath) {
        this(null, port, linkPath);
    }

    /** A practice whose streamed requests leave from the local address {@code from} (e.g. 127.0.1.7; null: any). */
    PracticeClient(InetAddress from, int port, String linkPath) {
        this.from = from;
        this.port = port;
        this.linkPath = linkPath;
    }

    /** Documents with the marker on every line: plain text or, every other one, a PDF by its magic bytes. */
    static Doc document(String marker, String name, int size, long seed) {
        Random r = new Random(seed);
        StringBuilder text = new StringBuilder(size + 100);
        if (seed % 2 == 0) {
            text.append("%PDF-1.4\n");
        }
        while (text.length() < size) {
            text.append(marker).append(' ');
            for (int i = 0; i < 60; i++) {
                text.append((char) ('a' + r.nextInt(26)));
            }
            text.append('\n');
        }
        return new Doc(name, Arrays.copyOf(text.toString().getBytes(StandardCharsets.US_ASCII), size));
    }

    /** One multipart request with a sender field and the documents; the answer as it came. */
    RawHttp.Response multipart(String sender, List<Doc> docs) throws IOException {
        Body body = new Body().field("sender", sender);
        docs.forEach(d -> body.file(d.name(), d.bytes()));
        return RawHttp.post(port, linkPath + "/upload", Body.TYPE, body.end().bytes(), "Accept: application/json");
    }

    /** The page's flow for one document: submission, tus creation, PATCHes of {@code chunk} bytes, complete. */
    RawHttp.Response tus(String sender, Doc doc, int chunk) throws IOException {
        String open = JSON.createObjectNode().put("sender", sender).put("message", "").toString();
        RawHttp.Response created = RawHttp.post(port, linkPath + "/submissions", "application/json",
                open.getBytes(StandardCharsets.UTF_8));
        if (created.status() != 201) {
            return created;
        }
        String submission = JSON.readTree(created.body()).path("submission").asText();
        TusClient tus = new TusClient(port, linkPath);
        RawHttp.Response upload = tus.create(doc.bytes().length, "filename " + b64(doc.name())
                + ",filetype " + b64("application/octet-stream") + ",submission " + b64(submission));
        if (upload.status() != 201) {
            return upload;
        }
        String path = tus.uploadPath(upload);
        for (int off = 0; off < doc.bytes().length; off += chunk) {
            byte[] part = Arrays.copyOfRange(doc.bytes(), off, Math.min(doc.bytes().length, off + chunk));
            RawHttp.Response patched = tus.patch(path, off, part);
            if (patched.status() != 204) {
                return patched;
            }
        }
        return RawHttp.post(port, linkPath + "/submissions/" + submission + "/complete", "application/json", new byte[0]);
    }

    /**
     * One multipart request with a sender field and one streamed document (Accept: application/json);
     * {@code bytes} (fresh from {@link Streamed#open()}) then holds the SHA-256 of what was sent.
     */
    RawHttp.Response multipart(String sender, Bytes bytes) throws IOException {
        Streamed doc = bytes.doc();
        byte[] head = ("--XyZ\r\nContent-Disposition: form-data; name=\"sender\"\r\n\r\n" + Body.latin1(sender)
                + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + Body.latin1(doc.name())
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = "\r\n--XyZ--\r\n".getBytes(StandardCharsets.ISO_8859_1);
        return stream("POST", linkPath + "/upload", List.of("Content-Type: " + Body.TYPE, "Accept: application/json"),
                head.length + doc.size() + tail.length, out -> {
                    out.write(head);
                    bytes.writeTo(out, doc.size(), new byte[64 * 1024]);
                    out.write(tail);
                });
    }

    /**
     * The page's flow for one streamed document: submission, tus creation, PATCHes of {@code chunk}
     * bytes, complete; {@code bytes} (fresh from {@link Streamed#open()}) then holds the SHA-256.
     */
    RawHttp.Response tus(String sender, Bytes bytes, int chunk) throws IOException {
        Streamed doc = bytes.doc();
        byte[] open = JSON.createObjectNode().put("sender", sender).put("message", "").toString()
                .getBytes(StandardCharsets.UTF_8);
        RawHttp.Response created = stream("POST", linkPath + "/submissions", List.of("Content-Type: application/json"),
                open.length, out -> out.write(open));
        if (created.status() != 201) {
            return created;
        }
        String submission = JSON.readTree(created.body()).path("submission").asText();
        RawHttp.Response upload = stream("POST", linkPath + "/tus/", List.of("Tus-Resumable: 1.0.0",
                "Upload-Length: " + doc.size(), "Upload-Metadata: filename " + b64(doc.name())
                        + ",filetype " + b64("application/pdf") + ",submission " + b64(submission)), 0, out -> { });
        if (upload.status() != 201) {
            return upload;
        }
        String path = new TusClient(port, linkPath).uploadPath(upload);
        byte[] buf = new byte[64 * 1024];
        for (long off = 0; off < doc.size(); off += chunk) {
            long n = Math.min(chunk, doc.size() - off);
            RawHttp.Response patched = stream("PATCH", path, List.of("Tus-Resumable: 1.0.0", "Upload-Offset: " + off,
                    "Content-Type: application/offset+octet-stream"), n, out -> bytes.writeTo(out, n, buf));
            if (patched.status() != 204) {
                return patched;
            }
        }
        return stream("POST", linkPath + "/submissions/" + submission + "/complete",
                List.of("Content-Type: application/json"), 0, out -> { });
    }

    /** What a streamed request writes after its head. */
    @FunctionalInterface
    interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /**
     * One request on its own connection from {@link #from}: the head, then the body as the writer
     * makes it; the answer as it came. An answer before the body's end (the server stopped reading)
     * is read all the same.
     */
    RawHttp.Response stream(String method, String path, List<String> headers, long length, BodyWriter body)
            throws IOException {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach(h -> head.append(h).append("\r\n"));
        head.append("Content-Length: ").append(length).append("\r\nConnection: close\r\n\r\n");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port, from, 0)) {
            s.setSoTimeout(STREAM_TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                body.write(out);
                out.flush();
            } catch (IOException e) {
                // the server answered early and closed; its answer may be waiting below
            }
            return RawHttp.read(in);
        }
    }

    /** The documents a 201 receipt confirms (refused files in it are left out). */
    static List<Confirmed> confirmed(RawHttp.Response r) throws IOException {
        List<Confirmed> out = new ArrayList<>();
        if (r.status() != 201) {
            return out;
        }
        JsonNode receipt = JSON.readTree(r.body());
        for (JsonNode f : receipt.path("files")) {
            if (f.hasNonNull("sha256")) {
                out.add(new Confirmed(receipt.path("submission").asText(), f.path("name").asText(),
                        f.path("size").asLong(), f.path("sha256").asText()));
            }
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
