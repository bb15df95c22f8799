package de.patientenversand.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.common.events.AppEvent;
import de.patientenversand.common.events.EventSink;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what {@code serve} publishes in the activity log: the event's type becomes the kind,
 * its fields the detail. Only fields the log allows are kept (see {@link ActivityLog}); anything
 * else is dropped, so a future event with a personal field cannot leak into the log. A failure
 * to write is logged (counts only) and never disturbs the upload that caused the event.
 */
public final class ActivityEvents implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(ActivityEvents.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ActivityLog log;

    public ActivityEvents(ActivityLog log) {
        this.log = log;
    }

    @Override
    public void publish(AppEvent event) {
        try {
            log.record(event.type(), detail(event));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not record an activity entry of kind {}", event.type().replaceAll("[^a-z_]", ""));
        }
    }

    static Map<String, Object> detail(AppEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        JsonNode node = JSON.valueToTree(event);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!ActivityLog.KEYS.contains(f.getKey())) {
                continue;
            }
            JsonNode v = f.getValue();
            Object value = v.isIntegralNumber() ? (Object) v.longValue()
                    : v.isBoolean() ? (Object) v.booleanValue()
                    : v.isTextual() ? v.textValue() : null;
            if (value != null && ActivityLog.safe(value)) {
                out.put(f.getKey(), value);
            }
        }
        return out;
    }
}
