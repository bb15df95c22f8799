package de.patientenversand.upload.submission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.patientenversand.common.UserException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Writes the JSON answers of the resumable-upload endpoints: receipts and errors in the form of
 * DESIGN.md section 6. Error texts come from the message bundle in the practice's language.
 */
public final class JsonReplies {
    private final ObjectMapper json = new ObjectMapper();

    public void error(HttpServerExchange exchange, int status, String code) {
        ObjectNode body = json.createObjectNode();
        body.put("error", code);
        body.put("message", UserException.format(locale(exchange), "upload.error." + code));
        send(exchange, status, body);
    }

    public void receipt(HttpServerExchange exchange, Receipt receipt) {
        ObjectNode body = json.createObjectNode();
        body.put("submission", receipt.submission());
        body.put("receivedAt", receipt.receivedAt().toString());
        ArrayNode files = body.putArray("files");
        for (ReceivedFile f : receipt.files()) {
            files.addObject().put("name", f.name()).put("size", f.size()).put("sha256", f.sha256())
                    .put("receivedAt", f.receivedAt().toString());
        }
        send(exchange, 201, body);
    }

    public void send(HttpServerExchange exchange, int status, ObjectNode body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseSender().send(body.toString(), StandardCharsets.UTF_8);
    }

    public ObjectMapper mapper() {
        return json;
    }

    /** English when the practice's browser prefers it, German otherwise. */
    public static Locale locale(HttpServerExchange exchange) {
        var lang = exchange.getQueryParameters().get("lang");
        if (lang != null && !lang.isEmpty()) {
            return "en".equals(lang.getFirst()) ? Locale.ENGLISH : Locale.GERMAN;
        }
        String accept = exchange.getRequestHeaders().getFirst(Headers.ACCEPT_LANGUAGE);
        if (accept != null) {
            List<Locale.LanguageRange> ranges;
            try {
                ranges = Locale.LanguageRange.parse(accept);
            } catch (IllegalArgumentException e) {
                return Locale.GERMAN;
            }
            for (var range : ranges) {
                String tag = range.getRange().toLowerCase(Locale.ROOT);
                if (tag.startsWith("de")) {
                    return Locale.GERMAN;
                }
                if (tag.startsWith("en")) {
                    return Locale.ENGLISH;
                }
            }
        }
        return Locale.GERMAN;
    }
}
