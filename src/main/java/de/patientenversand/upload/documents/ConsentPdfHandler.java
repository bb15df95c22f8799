package de.patientenversand.upload.documents;

import de.patientenversand.consent.ConsentService;
import de.patientenversand.links.OpenLink;
import de.patientenversand.upload.ApiError;
import de.patientenversand.upload.ErrorResponder;
import de.patientenversand.upload.LinkTokenHandler;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code GET /u/{token}/consent.pdf}: the newest version of the patient's consent for this link,
 * decrypted with the token the request carries; the 404 page when there is none.
 */
public final class ConsentPdfHandler implements HttpHandler {
    private final ConsentService consents;
    private final ErrorResponder errors;

    public ConsentPdfHandler(ConsentService consents, ErrorResponder errors) {
        this.consents = consents;
        this.errors = errors;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        OpenLink link = LinkTokenHandler.link(exchange);
        byte[] pdf = consents.latest(link.id(), link.token());
        if (pdf == null) {
            errors.send(exchange, ApiError.NOT_FOUND);
            return;
        }
        PdfResponse.send(exchange, pdf, "Einwilligung.pdf");
    }
}
