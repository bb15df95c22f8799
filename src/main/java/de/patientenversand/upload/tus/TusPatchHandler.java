package de.patientenversand.upload.tus;

import de.patientenversand.upload.submission.JsonReplies;
import de.patientenversand.upload.submission.LinkPort;
import de.patientenversand.upload.submission.PathParams;
import de.patientenversand.upload.submission.RequestLink;
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

    private final LinkPort links;
    private final TusUploads uploads;
    private final TusCommitter committer;
    private final JsonReplies replies;

    public TusPatchHandler(LinkPort links, TusUploads uploads, TusCommitter committer, JsonReplies replies) {
        this.links = links;
        this.uploads = uploads;
        this.committer = committer;
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
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(TusProtocol.OFFSET_CONTENT_TYPE)) {
            replies.error(exchange, 415, "bad_request");
            return;
        }
        RequestLink link = links.link(exchange);
        Optional<TusUpload> found = uploads.find(link.id(), PathParams.get(exchange, "id"));
        if (found.isEmpty()) {
            replies.error(exchange, 404, "upload_unknown");
            return;
        }
        long offset = TusProtocol.number(exchange, TusProtocol.UPLOAD_OFFSET);
        if (offset < 0) {
            replies.error(exchange, 400, "bad_request");
            return;
        }
        TusUpload upload = found.get();
        if (!upload.tryLock(5000)) {
            exchange.setStatusCode(423);
            exchange.endExchange();
            return;
        }
        try {
            if (upload.ended()) {
                replies.error(exchange, 404, "upload_unknown");
            } else if (offset != upload.offset()) {
                exchange.getResponseHeaders().put(TusProtocol.UPLOAD_OFFSET, upload.offset());
                replies.error(exchange, 409, "offset_mismatch");
            } else if (exchange.getRequestContentLength() > upload.length() - offset) {
                uploads.abort(upload);
                replies.error(exchange, 413, "file_too_large");
            } else {
                receive(exchange, link, upload);
            }
        } finally {
            upload.unlock();
        }
    }

    private void receive(HttpServerExchange exchange, RequestLink link, TusUpload upload) throws IOException {
        exchange.startBlocking();
        InputStream in = exchange.getInputStream();
        byte[] buf = new byte[64 * 1024];
        long lastCheck = System.nanoTime();
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
                int pos = 0;
                while (pos < n) {
                    pos += upload.take(buf, pos, n - pos, uploads.clock().instant());
                    if (upload.headComplete() && !committer.start(upload, link)) {
                        uploads.abort(upload);
                        exchange.setPersistent(false);
                        replies.error(exchange, 415, "unsupported_type");
                        return;
                    }
                }
                if (System.nanoTime() - lastCheck > CHECK_EVERY_NANOS) {
                    lastCheck = System.nanoTime();
                    if (stopIfClosed(exchange, upload)) {
                        return;
                    }
                }
            }
            reached = upload.offset();
            if (reached == upload.length()) {
                if (in.read() >= 0) {
                    uploads.abort(upload);
                    exchange.setPersistent(false);
                    replies.error(exchange, 413, "file_too_large");
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
            replies.error(exchange, 507, "insufficient_storage");
            return;
        }
        exchange.getResponseHeaders().put(TusProtocol.UPLOAD_OFFSET, reached);
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    private boolean stopIfClosed(HttpServerExchange exchange, TusUpload upload) {
        Optional<String> reason = links.closedReason(upload.linkId());
        if (reason.isEmpty()) {
            return false;
        }
        uploads.abort(upload);
        LOG.info("Upload {} stopped: link {} closed", upload.id(), upload.linkId());
        exchange.setPersistent(false);
        replies.error(exchange, 410, reason.get());
        return true;
    }
}
