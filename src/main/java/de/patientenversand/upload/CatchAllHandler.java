package de.patientenversand.upload;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost handler: it replaces Undertow's own exchange error logging, which would write
 * the request path (with the link's token) and exception texts (which may carry a file name) to
 * the log. An unexpected failure is logged with a short error id and the exception's class only,
 * and the client gets a generic answer with that id and no details.
 */
public final class CatchAllHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CatchAllHandler.class);
    private final ErrorResponder errors;
    private final HttpHandler next;

    public CatchAllHandler(ErrorResponder errors, HttpHandler next) {
        this.errors = errors;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            // Run the whole chain on a worker thread inside this handler: an exception in a
            // handler that dispatched itself would otherwise reach Undertow's own error handling.
            exchange.dispatch(this);
            return;
        }
        try {
            next.handleRequest(exchange);
        } catch (UploadException e) {
            if (e.closeConnection()) {
                exchange.setPersistent(false);
            }
            errors.send(exchange, e.error(), e.args());
        } catch (Throwable e) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            // The class name only: messages of I/O and parser exceptions may contain request data.
            LOG.error("Request failed, error id {} ({})", id, e.getClass().getName());
            exchange.setPersistent(false);
            errors.send(exchange, ApiError.INTERNAL, id);
        }
    }
}
