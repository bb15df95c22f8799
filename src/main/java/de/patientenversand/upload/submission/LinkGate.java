package de.patientenversand.upload.submission;

import de.patientenversand.links.LinkDirectory;
import de.patientenversand.links.LinkLookup;
import de.patientenversand.links.OpenLink;
import de.patientenversand.upload.ApiError;
import de.patientenversand.upload.LinkTokenHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.Optional;

/**
 * The link questions of the resumable path: the link the token check attached to a request,
 * and whether it may still receive while a long upload runs, so revoking or expiring a link
 * stops uploads in progress (DESIGN.md section 5). It asks the link directory again with the
 * token the upload came with; the token stays in memory only.
 */
public final class LinkGate {
    private final LinkDirectory links;

    public LinkGate(LinkDirectory links) {
        this.links = links;
    }

    public OpenLink link(HttpServerExchange exchange) {
        return LinkTokenHandler.link(exchange);
    }

    /** Empty while the link may receive; else why not. */
    public Optional<ApiError> closed(OpenLink link) throws IOException {
        return switch (links.lookup(link.token())) {
            case LinkLookup.Valid valid -> Optional.empty();
            case LinkLookup.Expired expired -> Optional.of(ApiError.LINK_EXPIRED);
            case LinkLookup.Revoked revoked -> Optional.of(ApiError.LINK_REVOKED);
            case LinkLookup.Unknown unknown -> Optional.of(ApiError.LINK_REVOKED);
        };
    }

    /** Counts one document against the link's quota; false when the quota is used up or the link closed. */
    public boolean claim(OpenLink link) throws IOException {
        return links.claimDocument(link.id());
    }

    /** Gives back a claim of a document that was not stored. */
    public void release(OpenLink link) {
        try {
            links.releaseDocument(link.id());
        } catch (IOException e) {
            // the count stays one too high; the quota errs on the safe side
        }
    }
}
