package de.patientenversand.upload.page;

import de.patientenversand.upload.AddressStability;
import de.patientenversand.upload.PageLanguage;
import de.patientenversand.upload.submission.LinkGate;
import de.patientenversand.links.OpenLink;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /u/{token}}: the page where a practice picks and sends documents. German unless
 * the browser prefers English or {@code ?lang=en} is given. The page learns whether its address
 * changes when the patient's app starts again (a quick tunnel), to say so if the connection breaks.
 */
public final class UploadPageHandler implements HttpHandler {
    private final LinkGate links;
    private final UploadPage page;
    private final ConsentHook consent;

    public UploadPageHandler(LinkGate links, UploadPage page, ConsentHook consent) {
        this.links = links;
        this.page = page;
        this.consent = consent;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        OpenLink link = links.link(exchange);
        String path = exchange.getRequestPath();
        String last = path.endsWith("/") ? "" : path.substring(path.lastIndexOf('/') + 1);
        // relative to /u/TOKEN the action must repeat the token; relative to /u/TOKEN/ it must not
        String action = last.isEmpty() ? "upload" : last + "/upload";
        String html = page.render(link, PageLanguage.of(exchange), action, consent.hasConsent(link),
                AddressStability.changesOnRestart(exchange));
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseSender().send(html, StandardCharsets.UTF_8);
    }
}
