package de.patientenversand.upload.submission;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /u/{token}/submissions}: opens a submission with the sender and message the
 * practice typed and answers {@code 201 {"submission":"…"}}. The body is small JSON; it is read
 * with a hard cap so a huge body cannot fill the memory.
 */
public final class CreateSubmissionHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CreateSubmissionHandler.class);
    private static final int MAX_BODY = 64 * 1024;

    private final LinkPort links;
    private final Submissions submissions;
    private final UploadPolicy policy;
    private final JsonReplies replies;

    public CreateSubmissionHandler(LinkPort links, Submissions submissions, UploadPolicy policy, JsonReplies replies) {
        this.links = links;
        this.submissions = submissions;
        this.policy = policy;
        this.replies = replies;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        exchange.startBlocking();
        RequestLink link = links.link(exchange);
        byte[] body;
        try (InputStream in = exchange.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            replies.error(exchange, 400, "field_too_long");
            return;
        }
        String sender = "";
        String message = "";
        if (body.length > 0) {
            JsonNode node;
            try {
                node = replies.mapper().readTree(body);
            } catch (IOException e) {
                replies.error(exchange, 400, "bad_request");
                return;
            }
            if (node == null || !node.isObject()) {
                replies.error(exchange, 400, "bad_request");
                return;
            }
            sender = text(node, "sender");
            message = text(node, "message");
        }
        if (sender.length() > policy.maxSenderLength() || message.length() > policy.maxMessageLength()) {
            replies.error(exchange, 400, "field_too_long");
            return;
        }
        Submission submission = submissions.open(link.id(), sender.strip(), message.strip(), false);
        LOG.info("Submission {} opened through link {}", submission.id(), link.id());
        var reply = replies.mapper().createObjectNode().put("submission", submission.id());
        replies.send(exchange, 201, reply);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText("");
    }
}
