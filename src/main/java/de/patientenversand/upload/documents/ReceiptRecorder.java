package de.patientenversand.upload.documents;

import de.patientenversand.consent.ReceiptContent;
import de.patientenversand.consent.ReceiptPdf;
import de.patientenversand.consent.ReceiptStore;
import de.patientenversand.links.OpenLink;
import de.patientenversand.upload.submission.Receipt;
import de.patientenversand.upload.submission.ReceiptHook;
import de.patientenversand.upload.submission.Submission;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the receipt PDF of a completed delivery, encrypted under the link's token (which the
 * completing request carries) and sealed for the patient, in the background after the answer
 * ({@link PendingReceipts}). A failure here never fails the delivery itself: the documents are
 * stored; only the PDF is missing, which is logged by id.
 */
public final class ReceiptRecorder implements ReceiptHook {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptRecorder.class);
    private final ReceiptPdf pdf;
    private final ReceiptStore store;
    private final PendingReceipts pending;

    ReceiptRecorder(ReceiptPdf pdf, ReceiptStore store, PendingReceipts pending) {
        this.pdf = pdf;
        this.store = store;
        this.pending = pending;
    }

    @Override
    public void completed(OpenLink link, Submission submission, Receipt receipt) {
        ReceiptContent content = new ReceiptContent(link.patientName(), link.label(), submission.sender(),
                receipt.submission(), receipt.receivedAt(), receipt.files().stream()
                .map(f -> new ReceiptContent.File(f.name(), f.size(), f.sha256())).toList());
        pending.submit(receipt.submission(), () -> {
            try {
                store.store(link.id(), link.token(), receipt.submission(), receipt.receivedAt(), pdf.render(content));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Receipt PDF of submission {} not written ({})", receipt.submission(), e.getClass().getName());
            }
        });
    }
}
