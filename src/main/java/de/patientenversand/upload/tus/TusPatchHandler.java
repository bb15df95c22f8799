package de.patientenversand.upload.tus;

import de.patientenversand.upload.ApiError;
import de.patientenversand.upload.ErrorResponder;
import de.patientenversand.upload.UploadException;
import de.patientenversand.upload.UploadLimits;
import de.patientenversand.upload.UploadPolicy;
import de.patientenversand.upload.submission.LinkGate;
import de.patientenversand.upload.submission.PathParams;
import de.patientenversand.vault.StorageFullException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PATCH /u/{token}/tus/{id}}: appends bytes at the offset the client names. Every byte
 * that arrives is kept, also when the connection breaks in the middle: the client asks for the
 * offset with {@code HEAD} and sends the rest. While a long request runs, the link is checked
 * about once a second, so revoking it stops the upload (410) and nothing of it is kept.
 */
public final class TusPatchHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TusPatchHandler.class);
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final LinkGate links;
    private final TusUploads uploads;
    private final TusCommitter committer;
    private final UploadPolicy policy;
    private final ErrorResponder errors;

    public TusPatchHandler(LinkGate links, TusUploads uploads, TusCommitter committer, ErrorResponder errors,
                           UploadPolicy policy) {
        this.policy = policy;
        this.links = links;
        this.uploads = uploads;
        this.committer = committer;
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
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(TusProtocol.OFFSET_CONTENT_TYPE)) {
            exchange.setStatusCode(415);
            exchange.endExchange();
            return;
        }
        Optional<TusUpload> found = uploads.find(links.link(exchange).id(), PathParams.get(exchange, "id"));
        if (found.isEmpty()) {
            errors.send(exchange, ApiError.UPLOAD_UNKNOWN);
            return;
        }
        long offset = TusProtocol.number(exchange, TusProtocol.UPLOAD_OFFSET);
        if (offset < 0) {
            errors.send(exchange, ApiError.BAD_REQUEST);
            return;
        }
        TusUpload upload = found.get();
        try {
            policy.slots().acquire();
        } catch (UploadException busy) {
            exchange.setPersistent(false);
            errors.send(exchange, busy.error());
            return;
        }
        try {
            appendLocked(exchange, upload, offset);
        } finally {
            policy.slots().release();
        }
    }

    private void appendLocked(HttpServerExchange exchange, TusUpload upload, long offset) throws Exception {
        if (!upload.tryLock(5000)) {
            errors.send(exchange, ApiError.UPLOAD_BUSY);
            return;
        }
        try {
            if (upload.ended()) {
                errors.send(exchange, ApiError.UPLOAD_UNKNOWN);
            } else if (stopIfClosed(exchange, upload)) {
                return;
            } else if (offset != upload.offset()) {
                exchange.getResponseHeaders().put(TusProtocol.UPLOAD_OFFSET, upload.offset());
                errors.send(exchange, ApiError.OFFSET_MISMATCH);
            } else if (exchange.getRequestContentLength() > upload.length() - offset) {
                uploads.abort(upload);
                exchange.setPersistent(false);
                errors.send(exchange, ApiError.FILE_TOO_LARGE, upload.name(), maxMb());
            } else {
                receive(exchange, upload);
            }
        } finally {
            upload.unlock();
        }
    }

    private void receive(HttpServerExchange exchange, TusUpload upload) throws IOException {
        exchange.startBlocking();
        InputStream in = exchange.getInputStream();
        byte[] buf = new byte[64 * 1024];
        long lastCheck = System.nanoTime();
        long windowStart = lastCheck;
        long windowBytes = 0;
        long windowNanos = policy.limits().rateWindow().toNanos();
        long minPerWindow = policy.limits().minRateBytesPerSecond() * policy.limits().rateWindow().toSeconds();
        long reached;
        try {
            while (upload.offset() < upload.length()) {
                int want = (int) Math.min(buf.length, upload.length() - upload.offset());
                int n;
                try {
                    n = in.read(buf, 0, want);
                } catch (IOException e) {
                    LOG.info("Upload {} interrupted at {} of {} bytes; it can resume", upload.id(),
                            upload.offset(), upload.length());
                    exchange.setPersistent(false);
                    exchange.endExchange();
                    return;
                }
                if (n < 0) {
                    break;
                }
                windowBytes += n;
                int pos = 0;
                while (pos < n) {
                    pos += upload.take(buf, pos, n - pos, uploads.clock().instant());
                    if (upload.headComplete() && !committer.start(upload)) {
                        uploads.abort(upload);
                        exchange.setPersistent(false);
                        errors.send(exchange, ApiError.UNSUPPORTED_TYPE, upload.name());
                        return;
                    }
                }
                long now = System.nanoTime();
                if (now - lastCheck > CHECK_EVERY_NANOS) {
                    lastCheck = now;
                    if (stopIfClosed(exchange, upload)) {
                        return;
                    }
                }
                if (now - windowStart >= windowNanos) {
                    if (windowBytes < minPerWindow) {
                        // a trickle holds a worker thread; what arrived stays and can resume
                        LOG.info("Upload {} too slow; closed at {} bytes", upload.id(), upload.offset());
                        exchange.setPersistent(false);
                        errors.send(exchange, ApiError.TIMEOUT);
                        return;
                    }
                    windowStart = now;
                    windowBytes = 0;
                }
            }
            reached = upload.offset();
            if (reached == upload.length()) {
                if (in.read() >= 0) {
                    uploads.abort(upload);
                    exchange.setPersistent(false);
                    errors.send(exchange, ApiError.FILE_TOO_LARGE, upload.name(), maxMb());
                    return;
                }
                if (stopIfClosed(exchange, upload)) {
                    return;
                }
                committer.commit(upload);
            }
        } catch (StorageFullException e) {
            uploads.abort(upload);
            exchange.setPersistent(false);
            errors.send(exchange, ApiError.INSUFFICIENT_STORAGE, upload.name());
            return;
        }
        exchange.getResponseHeaders().put(TusProtocol.UPLOAD_OFFSET, reached);
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    private boolean stopIfClosed(HttpServerExchange exchange, TusUpload upload) throws IOException {
        Optional<ApiError> reason = links.closed(upload.link());
        if (reason.isEmpty()) {
            return false;
        }
        uploads.abort(upload);
        LOG.info("Upload {} stopped: link {} closed", upload.id(), upload.linkId());
        exchange.setPersistent(false);
        errors.send(exchange, reason.get());
        return true;
    }

    private long maxMb() {
        return policy.limits().maxFileBytes() / UploadLimits.MIB;
    }
}
