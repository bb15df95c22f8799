package de.patientenversand.upload;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Methods;

/**
 * All routes of the upload server in one place (DESIGN.md section 6). Plain routes
 * ({@code /health}, {@code /compliance}) are matched on the whole path; link routes are
 * registered relative to {@code /u/{token}} ({@code "/"} is the page, {@code "/upload"},
 * {@code "/tus/{id}"}...) and run only after {@link LinkTokenHandler} accepted the token, which
 * they read with {@link LinkTokenHandler#link}. Static files come from the class-path folder
 * {@code web/} under {@code /assets/}.
 */
public final class UploadRoutes {
    public static final String ASSETS_PREFIX = "/assets/";
    private final RoutingHandler plain;
    private final RoutingHandler linked;
    private final ErrorResponder errors;
    private String assetsFolder = "web";

    public UploadRoutes(ErrorResponder errors) {
        this.errors = errors;
        this.plain = new RoutingHandler(false)
                .setFallbackHandler(ex -> errors.send(ex, ApiError.NOT_FOUND))
                .setInvalidMethodHandler(ex -> errors.send(ex, ApiError.METHOD_NOT_ALLOWED));
        this.linked = new RoutingHandler(false)
                .setFallbackHandler(ex -> errors.send(ex, ApiError.NOT_FOUND))
                .setInvalidMethodHandler(ex -> errors.send(ex, ApiError.METHOD_NOT_ALLOWED));
        plain.get("/health", new HealthHandler());
    }

    /** A route outside any link, e.g. {@code GET /compliance}. */
    public UploadRoutes plain(String method, String path, HttpHandler handler) {
        plain.add(method, path, handler);
        return this;
    }

    /** A route under {@code /u/{token}}; {@code template} is relative, e.g. {@code "/upload"}. */
    public UploadRoutes linked(String method, String template, HttpHandler handler) {
        linked.add(method, template, handler);
        return this;
    }

    /** The class-path folder served under {@code /assets/} (default {@code web}). */
    public UploadRoutes assetsFolder(String folder) {
        this.assetsFolder = folder;
        return this;
    }

    /** The router: assets, link routes behind the token check, plain routes. */
    public HttpHandler build(LinkTokenHandlerFactory tokenCheck) {
        ResourceHandler assets = new ResourceHandler(
                new ClassPathResourceManager(UploadRoutes.class.getClassLoader(), assetsFolder),
                ex -> errors.send(ex, ApiError.NOT_FOUND));
        assets.setDirectoryListingEnabled(false);
        assets.setCacheTime(null);
        HttpHandler linkChain = tokenCheck.wrap(linked);
        return exchange -> route(exchange, assets, linkChain);
    }

    private void route(HttpServerExchange exchange, ResourceHandler assets, HttpHandler linkChain) throws Exception {
        String path = exchange.getRelativePath();
        if (path.startsWith(LinkTokenHandler.PREFIX)) {
            linkChain.handleRequest(exchange);
        } else if (path.startsWith(ASSETS_PREFIX)) {
            if (!Methods.GET.equals(exchange.getRequestMethod()) && !Methods.HEAD.equals(exchange.getRequestMethod())) {
                errors.send(exchange, ApiError.METHOD_NOT_ALLOWED);
                return;
            }
            exchange.setRelativePath(path.substring(ASSETS_PREFIX.length() - 1));
            assets.handleRequest(exchange);
        } else {
            plain.handleRequest(exchange);
        }
    }

    /** Builds the token check around the link routes (lets tests and the tunnel share one router). */
    @FunctionalInterface
    public interface LinkTokenHandlerFactory {
        HttpHandler wrap(HttpHandler linkRoutes);
    }
}
