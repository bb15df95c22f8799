package de.patientenversand.upload.tus;

import de.patientenversand.upload.submission.JsonReplies;
import de.patientenversand.upload.submission.LinkPort;
import de.patientenversand.upload.submission.RequestLink;
import de.patientenversand.upload.submission.Submission;
import de.patientenversand.upload.submission.Submissions;
import de.patientenversand.upload.submission.UploadPolicy;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /u/{token}/tus/} (tus creation): checks the declared length against the size
 * limit and the free disk before a single byte arrives, binds the upload to a submission (the
 * one named in the metadata, or a new one of its own so that any standard tus client works)
 * and answers {@code 201} with the upload's {@code Location}.
 */
public final class TusCreateHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TusCreateHandler.class);

    private final LinkPort links;
    private final Submissions submissions;
    private final TusUploads uploads;
    private final UploadPolicy policy;
    private final JsonReplies replies;

    public TusCreateHandler(LinkPort links, Submissions submissions, TusUploads uploads, UploadPolicy policy,
                            JsonReplies replies) {
        this.links = links;
        this.submissions = submissions;
        this.uploads = uploads;
        this.policy = policy;
        this.replies = replies;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        if (!TusProtocol.accept(exchange)) {
            return;
        }
        RequestLink link = links.link(exchange);
        long length = TusProtocol.number(exchange, TusProtocol.UPLOAD_LENGTH);
        Optional<Map<String, String>> metadata =
                UploadMetadata.parse(exchange.getRequestHeaders().getFirst(TusProtocol.UPLOAD_METADATA));
        if (length < 0 || metadata.isEmpty() || exchange.getRequestContentLength() > 0) {
            replies.error(exchange, 400, "bad_request");
            return;
        }
        if (length == 0) {
            replies.error(exchange, 400, "empty_file");
            return;
        }
        if (length > policy.maxFileSize()) {
            replies.error(exchange, 413, "file_too_large");
            return;
        }
        if (!policy.hasRoomFor(length)) {
            replies.error(exchange, 507, "insufficient_storage");
            return;
        }
        Map<String, String> meta = metadata.get();
        String name = policy.sanitiseName(meta.getOrDefault("filename", ""));
        Submission submission;
        String named = meta.get("submission");
        if (named != null) {
            Optional<Submission> found = submissions.find(link.id(), named);
            if (found.isEmpty()) {
                replies.error(exchange, 404, "submission_unknown");
                return;
            }
            submission = found.get();
        } else {
            submission = submissions.open(link.id(), "", "", true);
        }
        if (!submission.reserve(policy.maxFilesPerSubmission())) {
            replies.error(exchange, submission.closed() ? 409 : 400,
                    submission.closed() ? "submission_closed" : "too_many_files");
            return;
        }
        Optional<TusUpload> created = uploads.create(link.id(), submission, name, length);
        if (created.isEmpty()) {
            submission.release();
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "30");
            replies.error(exchange, 503, "busy");
            return;
        }
        String base = exchange.getRequestURI();
        exchange.getResponseHeaders().put(Headers.LOCATION,
                (base.endsWith("/") ? base : base + "/") + created.get().id());
        LOG.info("Upload {} created in submission {} ({} bytes)", created.get().id(), submission.id(), length);
        exchange.setStatusCode(201);
        exchange.endExchange();
    }
}
