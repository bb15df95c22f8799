package de.patientenversand.upload.documents;

import de.patientenversand.consent.ReceiptStore;
import de.patientenversand.links.OpenLink;
import de.patientenversand.upload.ApiError;
import de.patientenversand.upload.ErrorResponder;
import de.patientenversand.upload.LinkTokenHandler;
import de.patientenversand.upload.submission.PathParams;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;

/**
 * {@code GET /u/{token}/receipt/{submission}.pdf}: the receipt of one of this link's deliveries
 * for 24 hours after the upload. Another link's delivery does not open with this token and
 * gets the same 404 as an unknown one. A receipt still being written (closing the delivery
 * answered before its PDF was done) is waited for.
 */
public final class ReceiptPdfHandler implements HttpHandler {
    private static final Duration WAIT_FOR_PDF = Duration.ofSeconds(30);
    private final ReceiptStore receipts;
    private final PendingReceipts pending;
    private final ErrorResponder errors;

    ReceiptPdfHandler(ReceiptStore receipts, PendingReceipts pending, ErrorResponder errors) {
        this.receipts = receipts;
        this.pending = pending;
        this.errors = errors;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        OpenLink link = LinkTokenHandler.link(exchange);
        String file = PathParams.get(exchange, "file");
        String submission = file != null && file.endsWith(".pdf") ? file.substring(0, file.length() - 4) : null;
        if (submission != null && !pending.await(submission, WAIT_FOR_PDF)) {
            errors.send(exchange, ApiError.BUSY);
            return;
        }
        byte[] pdf = submission != null ? receipts.forPractice(link.id(), link.token(), submission) : null;
        if (pdf == null) {
            errors.send(exchange, ApiError.NOT_FOUND);
            return;
        }
        PdfResponse.send(exchange, pdf, "Empfangsbestaetigung.pdf");
    }
}
