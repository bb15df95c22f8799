package de.patientenversand.upload.page;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /assets/{name}}: the page's script and style sheet, bundled at build time into
 * {@code web/} on the class path. Only the named files are served (no directory walking), from
 * memory, with their exact types, so {@code X-Content-Type-Options: nosniff} holds.
 */
public final class AssetHandler implements HttpHandler {
    private static final Map<String, String> TYPES = Map.of(
            "upload.js", "text/javascript; charset=utf-8",
            "upload.css", "text/css; charset=utf-8");
    private final Map<String, byte[]> assets;

    public AssetHandler() {
        this.assets = TYPES.keySet().stream()
                .filter(name -> AssetHandler.class.getResource("/web/" + name) != null)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(name -> name, AssetHandler::load));
    }

    private static byte[] load(String name) {
        try (InputStream in = AssetHandler.class.getResourceAsStream("/web/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String path = exchange.getRequestPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        byte[] body = assets.get(name);
        if (body == null || !path.equals("/assets/" + name)) {
            exchange.setStatusCode(404);
            exchange.endExchange();
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, TYPES.get(name));
        exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(body));
    }
}
