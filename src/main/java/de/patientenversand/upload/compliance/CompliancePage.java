package de.patientenversand.upload.compliance;

import de.patientenversand.upload.ApiError;
import de.patientenversand.upload.ErrorResponder;
import de.patientenversand.upload.PageLanguage;
import de.patientenversand.upload.UploadRoutes;
import de.patientenversand.upload.submission.PathParams;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * {@code GET /compliance}: the page for data-protection officers, German by default and English
 * by {@code Accept-Language} or {@code ?lang=en}; its style sheet and the data-flow diagram come
 * from the jar under {@code /compliance/}. Static text only: no script, no inline style, and the
 * same security headers as every other response.
 */
public final class CompliancePage {
    private static final Map<String, String> FILES = Map.of("compliance.css", "text/css; charset=utf-8",
            "dataflow.svg", "image/svg+xml");
    private final ErrorResponder errors;

    public CompliancePage(ErrorResponder errors) {
        this.errors = errors;
    }

    public CompliancePage register(UploadRoutes routes) {
        routes.plain(Methods.GET_STRING, "/compliance", this::page)
                .plain(Methods.GET_STRING, "/compliance/{file}", this::file);
        return this;
    }

    private void page(HttpServerExchange exchange) {
        String lang = "en".equals(PageLanguage.of(exchange).getLanguage()) ? "en" : "de";
        send(exchange, "compliance_" + lang + ".html", "text/html; charset=utf-8");
    }

    private void file(HttpServerExchange exchange) {
        String name = PathParams.get(exchange, "file");
        String type = name == null ? null : FILES.get(name);
        if (type == null) {
            errors.send(exchange, ApiError.NOT_FOUND);
            return;
        }
        send(exchange, name, type);
    }

    private static void send(HttpServerExchange exchange, String resource, String type) {
        byte[] bytes;
        try (InputStream in = CompliancePage.class.getResourceAsStream("/compliance/" + resource)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    }
}
