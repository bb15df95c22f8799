package de.patientenversand.upload.documents;

import de.patientenversand.consent.ConsentService;
import de.patientenversand.consent.ReceiptPdf;
import de.patientenversand.consent.ReceiptStore;
import de.patientenversand.upload.CatchAllHandler;
import de.patientenversand.upload.ErrorResponder;
import de.patientenversand.upload.UploadRoutes;
import de.patientenversand.upload.page.ConsentHook;
import de.patientenversand.upload.submission.ReceiptHook;
import io.undertow.util.Methods;

/**
 * The PDFs a link's holder may fetch: the patient's consent and the receipts of the link's own
 * deliveries. Gives the page its {@link ConsentHook} and the submissions their {@link ReceiptHook}.
 */
public final class LinkDocuments implements AutoCloseable {
    private final ConsentService consents;
    private final ReceiptStore receipts;
    private final ReceiptPdf receiptPdf;
    private final ErrorResponder errors;
    private final PendingReceipts pending = new PendingReceipts();

    public LinkDocuments(ConsentService consents, ReceiptStore receipts, ReceiptPdf receiptPdf, ErrorResponder errors) {
        this.consents = consents;
        this.receipts = receipts;
        this.receiptPdf = receiptPdf;
        this.errors = errors;
    }

    public ConsentHook consentHook() {
        return link -> consents.exists(link.id());
    }

    public ReceiptHook receiptHook() {
        return new ReceiptRecorder(receiptPdf, receipts, pending);
    }

    public LinkDocuments register(UploadRoutes routes) {
        routes.linked(Methods.GET_STRING, "/consent.pdf", new CatchAllHandler(errors, new ConsentPdfHandler(consents, errors)))
                .linked(Methods.GET_STRING, "/receipt/{file}", new CatchAllHandler(errors, new ReceiptPdfHandler(receipts, pending, errors)));
        return this;
    }

    /** Finishes the receipt PDFs still being written. */
    @Override
    public void close() {
        pending.close();
    }
}
