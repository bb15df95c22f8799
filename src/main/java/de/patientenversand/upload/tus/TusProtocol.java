package de.patientenversand.upload.tus;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/** Header names and the version check of tus 1.0 (https://tus.io/protocols/resumable-upload). */
final class TusProtocol {
    static final String VERSION = "1.0.0";
    static final HttpString TUS_RESUMABLE = new HttpString("Tus-Resumable");
    static final HttpString TUS_VERSION = new HttpString("Tus-Version");
    static final HttpString TUS_EXTENSION = new HttpString("Tus-Extension");
    static final HttpString TUS_MAX_SIZE = new HttpString("Tus-Max-Size");
    static final HttpString UPLOAD_OFFSET = new HttpString("Upload-Offset");
    static final HttpString UPLOAD_LENGTH = new HttpString("Upload-Length");
    static final HttpString UPLOAD_METADATA = new HttpString("Upload-Metadata");
    static final HttpString UPLOAD_DEFER_LENGTH = new HttpString("Upload-Defer-Length");
    static final String OFFSET_CONTENT_TYPE = "application/offset+octet-stream";

    private TusProtocol() {
    }

    /**
     * Sets {@code Tus-Resumable} on the answer and checks the client speaks 1.0.0; answers
     * 412 with the supported version otherwise and returns false.
     */
    static boolean accept(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(TUS_RESUMABLE, VERSION);
        String asked = exchange.getRequestHeaders().getFirst(TUS_RESUMABLE);
        if (!VERSION.equals(asked)) {
            exchange.getResponseHeaders().put(TUS_VERSION, VERSION);
            exchange.setStatusCode(412);
            exchange.endExchange();
            return false;
        }
        return true;
    }

    /** A non-negative decimal header value, or -1 when absent or malformed. */
    static long number(HttpServerExchange exchange, HttpString header) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value == null || value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(value);
    }
}
