package de.patientenversand.upload.documents;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;

/** Sends a PDF as a download with a fixed ASCII file name (never one derived from user input). */
final class PdfResponse {
    private PdfResponse() {
    }

    static void send(HttpServerExchange exchange, byte[] pdf, String fileName) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/pdf");
        exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, pdf.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(pdf));
    }
}
