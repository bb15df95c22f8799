package de.patientenversand.upload.submission;

import de.patientenversand.upload.ApiError;
import de.patientenversand.upload.ErrorResponder;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /u/{token}/submissions/{id}/complete}: closes a submission and answers the
 * receipt of every document stored in it. The receipt lists only documents that are durable
 * in the vault, so the practice is never told "received" for a file that is not there.
 */
public final class CompleteSubmissionHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CompleteSubmissionHandler.class);

    private final LinkGate links;
    private final Submissions submissions;
    private final ErrorResponder errors;
    private final ReceiptJson json;
    private final ReceiptHook receipts;

    public CompleteSubmissionHandler(LinkGate links, Submissions submissions, ErrorResponder errors, ReceiptJson json) {
        this(links, submissions, errors, json, ReceiptHook.NONE);
    }

    public CompleteSubmissionHandler(LinkGate links, Submissions submissions, ErrorResponder errors, ReceiptJson json,
                                     ReceiptHook receipts) {
        this.links = links;
        this.submissions = submissions;
        this.errors = errors;
        this.json = json;
        this.receipts = receipts;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        var link = links.link(exchange);
        String linkId = link.id();
        Optional<Submission> found = submissions.find(linkId, PathParams.get(exchange, "id"));
        if (found.isEmpty()) {
            errors.send(exchange, ApiError.SUBMISSION_UNKNOWN);
            return;
        }
        Submission submission = found.get();
        if (submission.files().isEmpty()) {
            errors.send(exchange, ApiError.NO_FILES);
            return;
        }
        Receipt receipt = submission.close(submissions.clock().instant());
        LOG.info("Submission {} completed with {} documents", submission.id(), receipt.files().size());
        receipts.completed(link, submission, receipt);
        json.receipt(exchange, receipt);
    }
}
