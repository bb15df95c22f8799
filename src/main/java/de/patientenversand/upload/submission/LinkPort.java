package de.patientenversand.upload.submission;

import io.undertow.server.HttpServerExchange;
import java.util.Optional;

/**
 * What the resumable-upload handlers need from the token check: the link of the current
 * request, and whether a link is still open while a long upload runs (revocation and expiry
 * must stop uploads in progress, DESIGN.md section 5).
 */
public interface LinkPort {

    /** The link the token check attached to this exchange. */
    RequestLink link(HttpServerExchange exchange);

    /** Empty while the link may receive; else the error code {@code link_revoked} or {@code link_expired}. */
    Optional<String> closedReason(String linkId);
}
