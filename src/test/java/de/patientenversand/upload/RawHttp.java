package de.patientenversand.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A tiny HTTP/1.1 client over a raw socket: sends exactly the bytes a test builds. */
public final class RawHttp {
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    public static Response post(int port, String path, String contentType, byte[] body, String... extraHeaders) throws IOException {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        for (String h : extraHeaders) {
            head.append(h).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        return exchange(port, head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    public static Response get(int port, String path, String... extraHeaders) throws IOException {
        StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String h : extraHeaders) {
            head.append(h).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return exchange(port, head.toString().getBytes(StandardCharsets.ISO_8859_1), new byte[0]);
    }

    /** Sends head and body (the body from a second thread, so an early answer can be read). */
    static Response exchange(int port, byte[] head, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(head);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int off = 0; off < body.length; off += 65536) {
                        out.write(body, off, Math.min(65536, body.length - off));
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server stopped reading (413 and close): expected in some tests
                }
            });
            Response r = read(s.getInputStream());
            writer.interrupt();
            return r;
        }
    }

    public static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        try {
            while ((n = in.read(buf)) != -1) {
                all.write(buf, 0, n);
                Response r = tryParse(all.toByteArray());
                if (r != null) {
                    return r;
                }
            }
        } catch (SocketException e) {
            // reset after the answer was read
        }
        Response r = tryParse(all.toByteArray());
        if (r == null) {
            throw new IOException("no complete response: " + all.size() + " bytes");
        }
        return r;
    }

    private static Response tryParse(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return null;
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, c).strip().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).strip());
        }
        int bodyStart = end + 4;
        String cl = headers.get("content-length");
        if (cl != null) {
            int len = Integer.parseInt(cl);
            if (data.length - bodyStart < len) {
                return null;
            }
            return new Response(status, headers,
                    new String(data, bodyStart, len, StandardCharsets.UTF_8));
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            String rest = text.substring(bodyStart);
            if (!rest.endsWith("0\r\n\r\n")) {
                return null;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int p = bodyStart;
            while (true) {
                int lineEnd = text.indexOf("\r\n", p);
                int size = Integer.parseInt(text.substring(p, lineEnd).strip(), 16);
                if (size == 0) {
                    break;
                }
                body.write(data, lineEnd + 2, size);
                p = lineEnd + 2 + size + 2;
            }
            return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
        }
        return new Response(status, headers, "");
    }
}
