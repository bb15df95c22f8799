package de.patientenversand.upload;

import de.patientenversand.common.events.EventSink;
import de.patientenversand.links.LinkDirectory;
import de.patientenversand.links.LinkLookup;
import de.patientenversand.links.OpenLink;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Methods;
import java.net.InetAddress;

/**
 * Checks the token of every {@code /u/{token}/...} request before any route runs, so that all
 * unknown tokens get the same 404 page through the same code path (hash, lookup, constant-time
 * compare) whatever the route or the token's shape. Failed lookups count against the client's
 * address; after a handful the address gets 429 for every token until the window ends, the right
 * one included, so that a blocked guesser learns nothing from further tries (and no lookup runs).
 * On success the link is attached to the exchange and the relative path becomes the part after
 * the token ({@code /} for the page itself). Every request counts against its client's
 * {@link ClientShare} while it runs; beyond the share it gets 503 {@code busy} at once.
 */
public final class LinkTokenHandler implements HttpHandler {
    /** The link of the current request, set once the token checked out. */
    public static final AttachmentKey<OpenLink> LINK = AttachmentKey.create(OpenLink.class);
    static final String PREFIX = "/u/";

    private final LinkDirectory links;
    private final FailedLookupLimiter limiter;
    private final ErrorResponder errors;
    private final EventSink events;
    private final ClientShare share;
    private final HttpHandler next;

    public LinkTokenHandler(LinkDirectory links, FailedLookupLimiter limiter, ErrorResponder errors, HttpHandler next) {
        this(links, limiter, errors, EventSink.NONE, new ClientShare(Integer.MAX_VALUE), next);
    }

    /**
     * As above, publishing failed attempts, rate-limit triggers and uploads on dead links (activity
     * log), with each client's requests limited by {@code share}.
     */
    public LinkTokenHandler(LinkDirectory links, FailedLookupLimiter limiter, ErrorResponder errors, EventSink events,
                            ClientShare share, HttpHandler next) {
        this.links = links;
        this.limiter = limiter;
        this.errors = errors;
        this.events = events;
        this.share = share;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            // The lookup touches SQLite: never on an I/O thread.
            exchange.dispatch(this);
            return;
        }
        String path = exchange.getRelativePath();
        String afterPrefix = path.substring(PREFIX.length());
        int slash = afterPrefix.indexOf('/');
        String token = slash < 0 ? afterPrefix : afterPrefix.substring(0, slash);
        String rest = slash < 0 ? "/" : afterPrefix.substring(slash);

        InetAddress client = ClientAddressHandler.clientAddress(exchange);
        if (limiter.isBlocked(client)) {
            // Every token, the right one too: if a hit still got through, each 429 would just
            // mean "wrong guess" and the limit would limit nothing.
            errors.send(exchange, ApiError.TOO_MANY_REQUESTS);
            return;
        }
        if (!share.tryAcquire(client)) {
            // this client already holds its share of the worker threads and upload slots
            exchange.setPersistent(false);
            errors.send(exchange, ApiError.BUSY);
            return;
        }
        try {
            checked(exchange, token, rest, client);
        } finally {
            share.release(client);
        }
    }

    private void checked(HttpServerExchange exchange, String token, String rest, InetAddress client) throws Exception {
        LinkLookup lookup = links.lookup(token);
        switch (lookup) {
            case LinkLookup.Valid valid -> {
                exchange.putAttachment(LINK, valid.link());
                exchange.setRelativePath(rest);
                next.handleRequest(exchange);
            }
            case LinkLookup.Expired expired -> {
                refusedUpload(exchange, expired.linkId(), ApiError.LINK_EXPIRED);
                errors.send(exchange, ApiError.LINK_EXPIRED);
            }
            case LinkLookup.Revoked revoked -> {
                refusedUpload(exchange, revoked.linkId(), ApiError.LINK_REVOKED);
                errors.send(exchange, ApiError.LINK_REVOKED);
            }
            case LinkLookup.Unknown unknown -> {
                FailedLookupLimiter.Failure failure = limiter.recordFailure(client);
                events.publish(new LinkAttemptFailed(failure.addressHash(), failure.count()));
                if (failure.limitReached()) {
                    events.publish(new RateLimited(failure.addressHash(), failure.count()));
                }
                errors.send(exchange, ApiError.LINK_UNKNOWN);
            }
        }
    }

    /** An upload (not a page view) on an expired or revoked link is worth a line in the activity log. */
    private void refusedUpload(HttpServerExchange exchange, String linkId, ApiError error) {
        if (!Methods.GET.equals(exchange.getRequestMethod()) && !Methods.HEAD.equals(exchange.getRequestMethod())) {
            events.publish(new UploadRefused(linkId, error.code()));
        }
    }

    /** The link of a request that passed this handler. */
    public static OpenLink link(HttpServerExchange exchange) {
        OpenLink link = exchange.getAttachment(LINK);
        if (link == null) {
            throw new IllegalStateException("route registered outside the token check");
        }
        return link;
    }
}
