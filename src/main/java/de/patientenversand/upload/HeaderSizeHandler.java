package de.patientenversand.upload;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;

/**
 * Refuses requests whose request line and headers exceed the limit with 431
 * {@code headers_too_large}. Undertow's own, larger parser limit stops floods before they are
 * buffered; this handler gives the clear answer for everything between.
 */
public final class HeaderSizeHandler implements HttpHandler {
    private final int maxBytes;
    private final HttpHandler next;

    public HeaderSizeHandler(int maxBytes, HttpHandler next) {
        this.maxBytes = maxBytes;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long size = exchange.getRequestURI().length() + exchange.getQueryString().length() + 32L;
        for (HeaderValues values : exchange.getRequestHeaders()) {
            for (String v : values) {
                size += values.getHeaderName().length() + v.length() + 4L;
            }
        }
        if (size > maxBytes) {
            exchange.setPersistent(false);
            throw UploadException.closing(ApiError.HEADERS_TOO_LARGE);
        }
        next.handleRequest(exchange);
    }
}
