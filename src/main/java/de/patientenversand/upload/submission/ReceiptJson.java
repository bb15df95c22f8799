package de.patientenversand.upload.submission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;

/**
 * Writes the JSON answers of the submission endpoints: {@code {"submission":…}} and the receipt
 * {@code {"submission","receivedAt","files":[{"name","size","sha256","receivedAt"}]}} of
 * DESIGN.md section 6 (each file also carries its own time of arrival for the page).
 */
public final class ReceiptJson {
    private final ObjectMapper json = new ObjectMapper();

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
}
