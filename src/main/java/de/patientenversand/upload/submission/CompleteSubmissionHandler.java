package de.patientenversand.upload.submission;

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

    private final LinkPort links;
    private final Submissions submissions;
    private final JsonReplies replies;

    public CompleteSubmissionHandler(LinkPort links, Submissions submissions, JsonReplies replies) {
        this.links = links;
        this.submissions = submissions;
        this.replies = replies;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        RequestLink link = links.link(exchange);
        Optional<Submission> found = submissions.find(link.id(), PathParams.get(exchange, "id"));
        if (found.isEmpty()) {
            replies.error(exchange, 404, "submission_unknown");
            return;
        }
        Submission submission = found.get();
        if (submission.files().isEmpty()) {
            replies.error(exchange, 400, "no_files");
            return;
        }
        Receipt receipt = submission.close(submissions.clock().instant());
        LOG.info("Submission {} completed with {} documents", submission.id(), receipt.files().size());
        replies.receipt(exchange, receipt);
    }
}
