package de.patientenversand.upload;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

/**
 * Sets the security headers of DESIGN.md section 6 on every response, before anything else runs,
 * so that even error pages and early rejections carry them. The page may load only its own
 * scripts (no CDN, no inline script), may not be framed, leaks no referrer with the token in it,
 * and is neither cached nor indexed.
 */
public final class SecurityHeadersHandler implements HttpHandler {
    static final String CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private final HttpHandler next;

    public SecurityHeadersHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HeaderMap h = exchange.getResponseHeaders();
        h.put(HttpString.tryFromString("Content-Security-Policy"), CSP);
        h.put(HttpString.tryFromString("Referrer-Policy"), "no-referrer");
        h.put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
        h.put(HttpString.tryFromString("Cache-Control"), "no-store");
        h.put(HttpString.tryFromString("X-Robots-Tag"), "noindex");
        h.put(HttpString.tryFromString("X-Frame-Options"), "DENY");
        next.handleRequest(exchange);
    }
}
