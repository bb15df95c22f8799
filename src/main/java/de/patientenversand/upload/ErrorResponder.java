package de.patientenversand.upload;

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
 * Answers a refusal in the form the client wants: {@code {"error":"code","message":"..."}} for
 * scripts and the page's uploader, a plain page for a browser navigation or a plain form post.
 * The text is written for a practice in a hurry: what happened and what to do next, never a
 * stack trace or a server path.
 */
public final class ErrorResponder {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Refusals of a file that the activity log records (by code only). */
    private static final java.util.Set<ApiError> FILE_REFUSALS = java.util.EnumSet.of(ApiError.EMPTY_FILE,
            ApiError.FILE_TOO_LARGE, ApiError.UNSUPPORTED_TYPE, ApiError.QUOTA_EXCEEDED, ApiError.TOO_MANY_FILES,
            ApiError.INSUFFICIENT_STORAGE, ApiError.FIELD_TOO_LONG);
    private final de.patientenversand.common.events.EventSink events;

    public ErrorResponder() {
        this(de.patientenversand.common.events.EventSink.NONE);
    }

    /**
     * With a sink for {@link UploadRefused} events of tus and submission requests (the multipart
     * endpoint publishes its own, file by file).
     */
    public ErrorResponder(de.patientenversand.common.events.EventSink events) {
        this.events = events;
    }

    /** True when the client asked for HTML (a browser navigation or a plain form post). */
    public static boolean wantsHtml(HttpServerExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst(Headers.ACCEPT);
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        int html = a.indexOf("text/html");
        int json = a.indexOf("application/json");
        return html >= 0 && (json < 0 || html < json);
    }

    public static String message(Locale locale, ApiError error, Object... args) {
        return UserException.format(locale, error.messageKey(), args);
    }

    public void send(HttpServerExchange exchange, ApiError error, Object... args) {
        send(exchange, error, List.of(), args);
    }

    /** Sends the error; {@code files} are receipt entries of files handled before it (may be empty). */
    public void send(HttpServerExchange exchange, ApiError error, List<ReceiptEntry> files, Object... args) {
        publishRefusal(exchange, error);
        if (exchange.isResponseStarted()) {
            exchange.setPersistent(false);
            exchange.endExchange();
            return;
        }
        Locale locale = PageLanguage.of(exchange);
        String message = message(locale, error, args);
        exchange.setStatusCode(error.status());
        if (error == ApiError.BUSY) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "30");
        }
        if (wantsHtml(exchange)) {
            String title = UserException.format(locale, "upload.page.errorTitle");
            StringBuilder body = new StringBuilder("<p>").append(Html.escape(message)).append("</p>");
            if (!files.isEmpty()) {
                body.append(ReceiptPage.fileList(locale, files));
            }
            sendHtml(exchange, locale, title, body.toString());
        } else {
            ObjectNode node = JSON.createObjectNode();
            node.put("error", error.code());
            node.put("message", message);
            if (!files.isEmpty()) {
                ArrayNode list = node.putArray("files");
                files.forEach(f -> list.add(f.toJson(JSON, locale)));
            }
            sendJson(exchange, node.toString());
        }
    }

    private void publishRefusal(HttpServerExchange exchange, ApiError error) {
        var link = exchange.getAttachment(LinkTokenHandler.LINK);
        String path = exchange.getRelativePath();
        if (link != null && FILE_REFUSALS.contains(error) && path != null
                && (path.startsWith("/tus") || path.startsWith("/submissions"))) {
            events.publish(new UploadRefused(link.id(), error.code()));
        }
    }

    static void sendJson(HttpServerExchange exchange, String json) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseSender().send(json, StandardCharsets.UTF_8);
    }

    static void sendHtml(HttpServerExchange exchange, Locale locale, String title, String bodyHtml) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseSender().send(Html.page(locale.getLanguage(), title, bodyHtml), StandardCharsets.UTF_8);
    }
}
