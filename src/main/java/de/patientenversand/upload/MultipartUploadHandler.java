package de.patientenversand.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.patientenversand.common.UserException;
import de.patientenversand.links.OpenLink;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /u/{token}/upload}: a {@code multipart/form-data} body parsed as it streams in
 * with Undertow's {@code MultipartParser} (not the form parser, which spools files to
 * {@code java.io.tmpdir}), each file piped through the vault's writer (T23: no plaintext ever
 * on disk). Files are judged one by one; the answer is a 201 receipt when at least one was
 * stored (DESIGN.md section 6).
 */
public final class MultipartUploadHandler implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final UploadPolicy policy;
    private final ErrorResponder errors;

    public MultipartUploadHandler(UploadPolicy policy, ErrorResponder errors) {
        this.policy = policy;
        this.errors = errors;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        OpenLink link = LinkTokenHandler.link(exchange);
        byte[] boundary = Multipart.boundary(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
        policy.slots().acquire();
        MultipartUpload upload = new MultipartUpload(policy, link, boundary, exchange.getRequestContentLength());
        try {
            exchange.startBlocking();
            // not closed here: closing reads the rest of the body, at the client's pace (a refused
            // trickle would keep its slot and thread); the exchange's end does that, or drops the
            // connection when the refusal closes it
            upload.run(exchange.getInputStream());
        } catch (UploadException e) {
            // the partial file goes before the answer: a refusal means nothing of the file is left
            upload.abort();
            if (e.closeConnection()) {
                exchange.setPersistent(false);
            }
            policy.events().publish(new UploadRefused(link.id(), e.error().code()));
            errors.send(exchange, e.error(), upload.entries(), e.args());
            return;
        } finally {
            upload.abort();
            policy.slots().release();
        }
        respond(exchange, upload);
    }

    private void respond(HttpServerExchange exchange, MultipartUpload upload) {
        List<ReceiptEntry> files = upload.entries();
        if (files.isEmpty()) {
            errors.send(exchange, ApiError.NO_FILES);
            return;
        }
        if (files.stream().noneMatch(ReceiptEntry::isStored)) {
            ReceiptEntry first = files.get(0);
            errors.send(exchange, first.error(), files, first.errorArgs());
            return;
        }
        Locale locale = PageLanguage.of(exchange);
        String receivedAt = upload.receivedAt().toString();
        exchange.setStatusCode(201);
        if (ErrorResponder.wantsHtml(exchange)) {
            ErrorResponder.sendHtml(exchange, locale, UserException.format(locale, "upload.page.receiptTitle"),
                    ReceiptPage.body(locale, upload.submission(), receivedAt, files));
            return;
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("submission", upload.submission());
        node.put("receivedAt", receivedAt);
        ArrayNode list = node.putArray("files");
        files.forEach(f -> list.add(f.toJson(JSON, locale)));
        ErrorResponder.sendJson(exchange, node.toString());
    }
}
