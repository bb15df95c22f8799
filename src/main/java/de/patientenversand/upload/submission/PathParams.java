package de.patientenversand.upload.submission;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;

/** Reads a named path parameter, whichever Undertow routing handler matched the path. */
public final class PathParams {
    private PathParams() {
    }

    public static String get(HttpServerExchange exchange, String name) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        if (match != null && match.getParameters().containsKey(name)) {
            return match.getParameters().get(name);
        }
        var values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
