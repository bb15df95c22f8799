package de.patientenversand.upload.submission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import de.patientenversand.links.OpenLink;
import de.patientenversand.upload.ApiError;
import de.patientenversand.upload.ErrorResponder;
import de.patientenversand.upload.FormText;
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
 * with a hard cap so a huge body cannot fill the memory, with the minimum rate of uploads so a
 * trickle cannot hold the worker thread (408 {@code timeout} after the rate window), and strictly:
 * trailing data, a key given twice or a sender or message that is not a string is a 400
 * bad_request. Sender and message are stored as {@link FormText} makes them, exactly as from a
 * multipart upload.
 */
public final class CreateSubmissionHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CreateSubmissionHandler.class);

    private final LinkGate links;
    private final Submissions submissions;
    private final UploadLimits limits;
    private final ErrorResponder errors;
    private final ReceiptJson json;
    private final Clock clock;
    /** Strict: one JSON object and nothing after it, no key twice (which one would count is anyone's guess). */
    private final ObjectReader reader;

    public CreateSubmissionHandler(LinkGate links, Submissions submissions, UploadLimits limits, ErrorResponder errors,
                                   ReceiptJson json, Clock clock) {
        this.clock = clock;
        this.links = links;
        this.submissions = submissions;
        this.limits = limits;
        this.errors = errors;
        this.json = json;
        this.reader = json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
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
                node = reader.readTree(body);
            } catch (IOException e) {
                node = null;
            }
            if (node == null || !node.isObject() || !textOrAbsent(node, "sender") || !textOrAbsent(node, "message")) {
                errors.send(exchange, ApiError.BAD_REQUEST);
                return;
            }
            sender = text(node, "sender");
            message = text(node, "message");
        }
        if (FormText.characters(sender) > limits.maxSenderChars() || FormText.characters(message) > limits.maxMessageChars()) {
            errors.send(exchange, ApiError.FIELD_TOO_LONG, limits.maxSenderChars(), limits.maxMessageChars());
            return;
        }
        Submission submission = submissions.open(link.id(), FormText.sender(sender), FormText.message(message), false);
        LOG.info("Submission {} opened through link {}", submission.id(), link.id());
        json.send(exchange, 201, json.mapper().createObjectNode().put("submission", submission.id()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText("");
    }

    /** A field is a string, null or absent; a number, array or object there is a malformed body. */
    private static boolean textOrAbsent(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isTextual();
    }
}
