package de.patientenversand.upload.tus;

import de.patientenversand.upload.UploadPolicy;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code OPTIONS /u/{token}/tus/}: tells a tus client what this server speaks. */
public final class TusOptionsHandler implements HttpHandler {
    private final UploadPolicy policy;

    public TusOptionsHandler(UploadPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        var headers = exchange.getResponseHeaders();
        headers.put(TusProtocol.TUS_RESUMABLE, TusProtocol.VERSION);
        headers.put(TusProtocol.TUS_VERSION, TusProtocol.VERSION);
        headers.put(TusProtocol.TUS_EXTENSION, "creation,termination");
        headers.put(TusProtocol.TUS_MAX_SIZE, Long.toString(policy.limits().maxFileBytes()));
        exchange.setStatusCode(204);
        exchange.endExchange();
    }
}
