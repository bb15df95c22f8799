package de.patientenversand.upload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds multipart bodies byte by byte, like the cases' mkpart helper (boundary XyZ). */
public final class Body {
    public static final String TYPE = "multipart/form-data; boundary=XyZ";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final String boundary;

    public Body() {
        this("XyZ");
    }

    Body(String boundary) {
        this.boundary = boundary;
    }

    /** A file part; {@code disposition} is given as raw bytes (Latin-1 chars = bytes) after "form-data; ". */
    Body file(String dispositionLatin1, String contentType, byte[] content) {
        raw("--" + boundary + "\r\nContent-Disposition: form-data; " + dispositionLatin1 + "\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n");
        out.writeBytes(content);
        raw("\r\n");
        return this;
    }

    /** A file part with a UTF-8 file name. */
    public Body file(String utf8Name, byte[] content) {
        return file("name=\"file\"; filename=\"" + latin1(utf8Name) + "\"", "application/octet-stream", content);
    }

    public Body field(String name, String value) {
        raw("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        raw("\r\n");
        return this;
    }

    public Body end() {
        raw("--" + boundary + "--\r\n");
        return this;
    }

    Body raw(String latin1) {
        out.writeBytes(latin1.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    /** The UTF-8 bytes of {@code s} as Latin-1 chars (what goes on the wire). */
    static String latin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
