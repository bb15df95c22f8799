package de.patientenversand.upload.tus;

import de.patientenversand.upload.submission.LinkGate;
import de.patientenversand.upload.submission.PathParams;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Optional;

/**
 * {@code HEAD /u/{token}/tus/{id}}: how many bytes arrived, so a client resumes where the
 * connection broke. If a broken request is still being wound up, it waits a moment for it, so
 * the offset it answers counts every byte that arrived.
 */
public final class TusHeadHandler implements HttpHandler {
    private final LinkGate links;
    private final TusUploads uploads;

    public TusHeadHandler(LinkGate links, TusUploads uploads) {
        this.links = links;
        this.uploads = uploads;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        if (!TusProtocol.accept(exchange)) {
            return;
        }
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        String linkId = links.link(exchange).id();
        Optional<TusUpload> found = uploads.find(linkId, PathParams.get(exchange, "id"));
        if (found.isEmpty()) {
            exchange.setStatusCode(404);
            exchange.endExchange();
            return;
        }
        TusUpload upload = found.get();
        boolean locked = upload.tryLock(2000);
        try {
            if (upload.ended()) {
                exchange.setStatusCode(404);
            } else {
                exchange.getResponseHeaders().put(TusProtocol.UPLOAD_OFFSET, upload.offset());
                exchange.getResponseHeaders().put(TusProtocol.UPLOAD_LENGTH, upload.length());
                exchange.setStatusCode(200);
            }
        } finally {
            if (locked) {
                upload.unlock();
            }
        }
        exchange.endExchange();
    }
}
