package de.patientenversand.upload;

import io.undertow.server.DefaultByteBufferPool;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.MultipartParser;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Feeds a multipart body to Undertow's streaming {@code MultipartParser}, but passes the plain
 * bytes of a part's body on without it. That parser reads every body byte through
 * {@code ByteBuffer.get()} and keeps its delimiter match in a field, which made it the largest
 * single item in a JFR profile of a 50 MB upload (over a third of the samples, issue #9).
 * {@link #cleanPrefix} runs the same naive matcher ({@code CRLF--boundary}: on a match advance,
 * else restart at 1 if the byte is CR, else at 0) in a local variable: the bytes up to a point
 * where the matcher is back at 0, with no whole delimiter before it, are exactly the bytes the
 * parser would have handed on as data, and its state after them would be the one it had before.
 * So those bytes go straight to the part handler, and the parser sees only the rest: delimiters,
 * part headers, the odd partial match at the end of a read, and bodies it decodes itself
 * (base64, quoted-printable). What the handler receives, and when, is unchanged.
 */
final class MultipartFeed implements MultipartParser.PartHandler {
    private static final DefaultByteBufferPool POOL = new DefaultByteBufferPool(false, 4096, 16, 0);
    private final MultipartParser.PartHandler target;
    private final MultipartParser.ParseState parser;
    private final byte[] token;
    /**
     * The parser's delimiter match inside an identity-encoded body (0: nothing pending, so the
     * next bytes may bypass it), or -1 outside such a body.
     */
    private int match = -1;
    /** The buffer being parsed; where in it the parser's body state is known (-1: not in a body), and that state. */
    private ByteBuffer feeding;
    private int bodyFrom = -1;
    private int bodyMatch;
    private long bypassed;

    /** @param boundary the boundary from the Content-Type; part headers are read as ISO-8859-1 */
    MultipartFeed(byte[] boundary, MultipartParser.PartHandler target) {
        this.target = target;
        this.parser = MultipartParser.beginParse(POOL, this, boundary, "ISO-8859-1");
        this.token = new byte[boundary.length + 4];
        token[0] = '\r';
        token[1] = '\n';
        token[2] = '-';
        token[3] = '-';
        System.arraycopy(boundary, 0, token, 4, boundary.length);
    }

    /** The next {@code n} bytes of the body, in {@code buf[0..n)}. */
    void feed(byte[] buf, int n) throws IOException {
        feed(buf, 0, n);
    }

    /** The next bytes of the body, in {@code buf[from..to)}. */
    void feed(byte[] buf, int from, int to) throws IOException {
        int off = from;
        if (match == 0) {
            off = cleanPrefix(buf, from, to);
            if (off > from) {
                bypassed += off - from;
                target.data(ByteBuffer.wrap(buf, from, off - from));
            }
        }
        if (off < to) {
            feeding = ByteBuffer.wrap(buf, off, to - off);
            bodyFrom = match >= 0 ? off : -1;
            bodyMatch = match;
            parser.parse(feeding);
            match = bodyFrom >= 0 ? matchAfter(buf, bodyFrom, to, bodyMatch) : -1;
        }
    }

    boolean isComplete() {
        return parser.isComplete();
    }

    /** Body bytes handed on without the parser so far (the point of this class, checked by a test). */
    long bypassed() {
        return bypassed;
    }

    /**
     * Starting with the matcher at 0 at {@code from}: the largest index {@code k <= to} such that
     * the matcher is at 0 after {@code bytes[k - 1]} and no whole delimiter ends before {@code k}.
     * {@code k == to} means the parser would have taken the whole range as data.
     */
    int cleanPrefix(byte[] bytes, int from, int to) {
        final byte[] t = token;
        final byte first = t[0];
        int s = 0;
        int clean = from;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (s == 0) {
                if (b != first) {
                    clean = i + 1;
                } else {
                    s = 1;
                }
            } else if (b == t[s]) {
                if (++s == t.length) {
                    return clean;
                }
            } else if (b == first) {
                s = 1;
            } else {
                s = 0;
                clean = i + 1;
            }
        }
        return clean;
    }

    /** The matcher's state after {@code bytes[from..to)} when it was {@code s} before; -1 on a whole delimiter. */
    int matchAfter(byte[] bytes, int from, int to, int s) {
        final byte[] t = token;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == t[s]) {
                if (++s == t.length) {
                    return -1;
                }
            } else {
                s = b == t[0] ? 1 : 0;
            }
        }
        return s;
    }

    @Override
    public void beginPart(HeaderMap headers) {
        // the parser starts this body with its match at 0, just after the headers' blank line;
        // it picks the decoder the same way (an unknown encoding is taken as identity)
        String encoding = headers.getFirst(Headers.CONTENT_TRANSFER_ENCODING);
        boolean identity = encoding == null
                || !(encoding.toLowerCase().equals("base64") || encoding.toLowerCase().equals("quoted-printable"));
        bodyFrom = identity ? feeding.position() : -1;
        bodyMatch = 0;
        target.beginPart(headers);
    }

    @Override
    public void data(ByteBuffer buffer) throws IOException {
        target.data(buffer);
    }

    @Override
    public void endPart() {
        bodyFrom = -1;
        target.endPart();
    }
}
