package de.patientenversand.upload.tus;

import de.patientenversand.upload.submission.LinkGate;
import de.patientenversand.upload.submission.PathParams;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code DELETE /u/{token}/tus/{id}} (tus termination): the practice cancels; nothing of it stays. */
public final class TusDeleteHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TusDeleteHandler.class);

    private final LinkGate links;
    private final TusUploads uploads;

    public TusDeleteHandler(LinkGate links, TusUploads uploads) {
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
        Optional<TusUpload> found = uploads.find(links.link(exchange).id(), PathParams.get(exchange, "id"));
        if (found.isEmpty()) {
            exchange.setStatusCode(404);
            exchange.endExchange();
            return;
        }
        TusUpload upload = found.get();
        if (!upload.tryLock(5000)) {
            exchange.setStatusCode(423);
            exchange.endExchange();
            return;
        }
        try {
            uploads.abort(upload);
        } finally {
            upload.unlock();
        }
        LOG.info("Upload {} terminated by the client", upload.id());
        exchange.setStatusCode(204);
        exchange.endExchange();
    }
}
