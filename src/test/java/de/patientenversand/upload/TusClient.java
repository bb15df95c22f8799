package de.patientenversand.upload;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Raw tus 1.0 requests, so tests see exactly what a client sends and what the server answers. */
public final class TusClient {
    private final int port;
    private final String linkPath;

    public TusClient(int port, String linkPath) {
        this.port = port;
        this.linkPath = linkPath;
    }

    RawHttp.Response options() throws IOException {
        return send("OPTIONS", linkPath + "/tus/", new byte[0]);
    }

    /** Creation; {@code metadata} is the raw Upload-Metadata value (or null). */
    public RawHttp.Response create(long length, String metadata) throws IOException {
        return send("POST", linkPath + "/tus/", new byte[0], "Upload-Length: " + length,
                metadata == null ? null : "Upload-Metadata: " + metadata);
    }

    /** The path of the upload from a creation answer (absolute or relative Location). */
    public String uploadPath(RawHttp.Response created) {
        String location = created.header("Location");
        if (location.startsWith("http")) {
            location = location.substring(location.indexOf('/', location.indexOf("//") + 2));
        }
        return location.startsWith("/") ? location : linkPath + "/tus/" + location;
    }

    public RawHttp.Response head(String path) throws IOException {
        return send("HEAD", path, new byte[0]);
    }

    public RawHttp.Response patch(String path, long offset, byte[] body) throws IOException {
        return send("PATCH", path, body, "Upload-Offset: " + offset,
                "Content-Type: application/offset+octet-stream");
    }

    RawHttp.Response delete(String path) throws IOException {
        return send("DELETE", path, new byte[0]);
    }

    /**
     * A PATCH that announces {@code announced} bytes, sends only {@code sent} of them and then
     * drops the connection, as a train entering a tunnel would.
     */
    void patchAndDrop(String path, long offset, byte[] all, int sent) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("PATCH " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
                    + "Upload-Offset: " + offset + "\r\nContent-Type: application/offset+octet-stream\r\n"
                    + "Content-Length: " + all.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(all, 0, sent);
            out.flush();
        }
    }

    RawHttp.Response send(String method, String path, byte[] body, String... headers) throws IOException {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        head.append("Tus-Resumable: 1.0.0\r\n");
        for (String h : headers) {
            if (h != null) {
                head.append(h).append("\r\n");
            }
        }
        if (body.length > 0 || method.equals("POST") || method.equals("PATCH")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return RawHttp.exchange(port, head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }
}
