package de.patientenversand.upload.submission;

import com.fasterxml.jackson.databind.JsonNode;
import de.patientenversand.links.OpenLink;
import de.patientenversand.upload.ApiError;
import de.patientenversand.upload.ErrorResponder;
import de.patientenversand.upload.MinRateGuard;
import de.patientenversand.upload.UploadException;
import de.patientenversand.upload.UploadLimits;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /u/{token}/submissions}: opens a submission with the sender and message the
 * practice typed and answers {@code 201 {"submission":"…"}}. The body is small JSON; it is read
 * with a hard cap so a huge body cannot fill the memory, and with the minimum rate of uploads so a
 * trickle cannot hold the worker thread (408 {@code timeout} after the rate window).
 */
public final class CreateSubmissionHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CreateSubmissionHandler.class);

    private final LinkGate links;
    private final Submissions submissions;
    private final UploadLimits limits;
    private final ErrorResponder errors;
    private final ReceiptJson json;
    private final Clock clock;

    public CreateSubmissionHandler(LinkGate links, Submissions submissions, UploadLimits limits, ErrorResponder errors,
                                   ReceiptJson json, Clock clock) {
        this.clock = clock;
        this.links = links;
        this.submissions = submissions;
        this.limits = limits;
        this.errors = errors;
        this.json = json;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        exchange.startBlocking();
        OpenLink link = links.link(exchange);
        int maxBody = 4 * (limits.maxSenderChars() + limits.maxMessageChars()) + 1024;
        byte[] body;
        try {
            // not closed here: closing would read the rest at the client's pace
            InputStream in = MinRateGuard.guard(exchange.getInputStream(), limits, clock);
            body = in.readNBytes(maxBody + 1);
        } catch (UploadException e) {
            exchange.setPersistent(false);
            errors.send(exchange, e.error());
            return;
        } catch (org.xnio.channels.ReadTimeoutException e) {
            exchange.setPersistent(false);
            errors.send(exchange, ApiError.TIMEOUT);
            return;
        }
        if (body.length > maxBody) {
            exchange.setPersistent(false);
            errors.send(exchange, ApiError.FIELD_TOO_LONG, limits.maxSenderChars(), limits.maxMessageChars());
            return;
        }
        String sender = "";
        String message = "";
        if (body.length > 0) {
            JsonNode node;
            try {
                node = json.mapper().readTree(body);
            } catch (IOException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                errors.send(exchange, ApiError.BAD_REQUEST);
                return;
            }
            sender = text(node, "sender");
            message = text(node, "message");
        }
        if (sender.length() > limits.maxSenderChars() || message.length() > limits.maxMessageChars()) {
            errors.send(exchange, ApiError.FIELD_TOO_LONG, limits.maxSenderChars(), limits.maxMessageChars());
            return;
        }
        Submission submission = submissions.open(link.id(), sender.strip(), message.strip(), false);
        LOG.info("Submission {} opened through link {}", submission.id(), link.id());
        json.send(exchange, 201, json.mapper().createObjectNode().put("submission", submission.id()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText("");
    }
}
