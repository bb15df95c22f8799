package de.patientenversand.upload.page;

import de.patientenversand.upload.submission.JsonReplies;
import de.patientenversand.upload.submission.LinkPort;
import de.patientenversand.upload.submission.RequestLink;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /u/{token}}: the page where a practice picks and sends documents. German unless
 * the browser prefers English or {@code ?lang=en} is given.
 */
public final class UploadPageHandler implements HttpHandler {
    private final LinkPort links;
    private final UploadPage page;
    private final ConsentHook consent;

    public UploadPageHandler(LinkPort links, UploadPage page, ConsentHook consent) {
        this.links = links;
        this.page = page;
        this.consent = consent;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        RequestLink link = links.link(exchange);
        String path = exchange.getRequestPath();
        String last = path.endsWith("/") ? "" : path.substring(path.lastIndexOf('/') + 1);
        // relative to /u/TOKEN the action must repeat the token; relative to /u/TOKEN/ it must not
        String action = last.isEmpty() ? "upload" : last + "/upload";
        String html = page.render(link, JsonReplies.locale(exchange), action, consent.hasConsent(link));
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseSender().send(html, StandardCharsets.UTF_8);
    }
}
