package de.patientenversand.upload.tus;

import de.patientenversand.links.OpenLink;
import de.patientenversand.upload.ApiError;
import de.patientenversand.upload.ClientAddressHandler;
import de.patientenversand.upload.ClientShare;
import de.patientenversand.upload.ErrorResponder;
import de.patientenversand.upload.submission.LinkGate;
import de.patientenversand.upload.submission.Submission;
import de.patientenversand.upload.submission.Submissions;
import de.patientenversand.upload.UploadPolicy;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import de.patientenversand.upload.UploadLimits;
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

    private final LinkGate links;
    private final Submissions submissions;
    private final TusUploads uploads;
    private final UploadPolicy policy;
    private final ErrorResponder errors;

    public TusCreateHandler(LinkGate links, Submissions submissions, TusUploads uploads, UploadPolicy policy,
                            ErrorResponder errors) {
        this.links = links;
        this.submissions = submissions;
        this.uploads = uploads;
        this.policy = policy;
        this.errors = errors;
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
        OpenLink link = links.link(exchange);
        long maxBytes = policy.limits().maxFileBytes();
        long length = TusProtocol.number(exchange, TusProtocol.UPLOAD_LENGTH);
        Optional<Map<String, String>> metadata =
                UploadMetadata.parse(exchange.getRequestHeaders().getFirst(TusProtocol.UPLOAD_METADATA));
        if (length < 0 || metadata.isEmpty() || exchange.getRequestContentLength() > 0) {
            errors.send(exchange, ApiError.BAD_REQUEST);
            return;
        }
        Map<String, String> meta = metadata.get();
        String name = policy.names().sanitize(meta.getOrDefault("filename", ""));
        if (length == 0) {
            errors.send(exchange, ApiError.EMPTY_FILE, name);
            return;
        }
        if (length > maxBytes) {
            errors.send(exchange, ApiError.FILE_TOO_LARGE, name, maxBytes / UploadLimits.MIB);
            return;
        }
        if (policy.disk().usableBytes() < policy.limits().diskReserveBytes() + length) {
            errors.send(exchange, ApiError.INSUFFICIENT_STORAGE, name);
            return;
        }
        Submission submission;
        String named = meta.get("submission");
        if (named != null) {
            Optional<Submission> found = submissions.find(link.id(), named);
            if (found.isEmpty()) {
                errors.send(exchange, ApiError.SUBMISSION_UNKNOWN);
                return;
            }
            submission = found.get();
        } else {
            submission = submissions.open(link.id(), "", "", true);
        }
        int maxFiles = policy.limits().maxFilesPerSubmission();
        if (!submission.reserve(maxFiles)) {
            if (submission.closed()) {
                errors.send(exchange, ApiError.SUBMISSION_CLOSED);
            } else {
                errors.send(exchange, ApiError.TOO_MANY_FILES, name, maxFiles);
            }
            return;
        }
        if (!links.claim(link)) {
            submission.release();
            errors.send(exchange, ApiError.QUOTA_EXCEEDED);
            return;
        }
        Optional<TusUpload> created = uploads.create(link, submission, name, length,
                ClientShare.keyOf(ClientAddressHandler.clientAddress(exchange)));
        if (created.isEmpty()) {
            submission.release();
            links.release(link);
            errors.send(exchange, ApiError.BUSY);
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
