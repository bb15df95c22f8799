package de.patientenversand.upload;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * Marks whether the address a request came in on changes when the patient's app starts again:
 * true on a quick tunnel's listener (a new address at every start), false on the others. The
 * upload page uses it to tell a practice whose connection broke that the link has probably
 * changed, instead of letting it wait for an address that will never answer again (DESIGN.md
 * section 7: uploads cannot resume across a quick tunnel's restart).
 */
public final class AddressStability implements HttpHandler {
    private static final AttachmentKey<Boolean> CHANGES = AttachmentKey.create(Boolean.class);
    private final boolean changesOnRestart;
    private final HttpHandler next;

    public AddressStability(boolean changesOnRestart, HttpHandler next) {
        this.changesOnRestart = changesOnRestart;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.putAttachment(CHANGES, changesOnRestart);
        next.handleRequest(exchange);
    }

    /** True when the request came through an address that a restart of the app replaces. */
    public static boolean changesOnRestart(HttpServerExchange exchange) {
        return Boolean.TRUE.equals(exchange.getAttachment(CHANGES));
    }
}
