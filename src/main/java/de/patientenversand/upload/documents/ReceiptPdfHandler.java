package de.patientenversand.upload.documents;

import de.patientenversand.consent.ReceiptStore;
import de.patientenversand.links.OpenLink;
import de.patientenversand.upload.ApiError;
import de.patientenversand.upload.ErrorResponder;
import de.patientenversand.upload.LinkTokenHandler;
import de.patientenversand.upload.submission.PathParams;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code GET /u/{token}/receipt/{submission}.pdf}: the receipt of one of this link's deliveries
 * for 24 hours after the upload. Another link's delivery does not open with this token and
 * gets the same 404 as an unknown one.
 */
public final class ReceiptPdfHandler implements HttpHandler {
    private final ReceiptStore receipts;
    private final ErrorResponder errors;

    public ReceiptPdfHandler(ReceiptStore receipts, ErrorResponder errors) {
        this.receipts = receipts;
        this.errors = errors;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        OpenLink link = LinkTokenHandler.link(exchange);
        String file = PathParams.get(exchange, "file");
        byte[] pdf = file != null && file.endsWith(".pdf")
                ? receipts.forPractice(link.id(), link.token(), file.substring(0, file.length() - 4)) : null;
        if (pdf == null) {
            errors.send(exchange, ApiError.NOT_FOUND);
            return;
        }
        PdfResponse.send(exchange, pdf, "Empfangsbestaetigung.pdf");
    }
}
