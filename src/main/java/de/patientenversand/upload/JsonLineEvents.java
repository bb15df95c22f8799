package de.patientenversand.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.patientenversand.common.events.AppEvent;
import de.patientenversand.common.events.EventSink;
import java.io.PrintStream;

/**
 * Writes events as JSON lines ({@code {"v":1,"type":"upload_received",...}}) for the app that
 * started {@code serve}. Events carry ids and counts only (see {@link AppEvent}).
 */
public final class JsonLineEvents implements EventSink {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;

    public JsonLineEvents(PrintStream out) {
        this.out = out;
    }

    @Override
    public void publish(AppEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", VERSION);
        node.put("type", event.type());
        ObjectNode fields = JSON.valueToTree(event);
        fields.remove("type");
        node.setAll(fields);
        synchronized (out) {
            out.println(node);
            out.flush();
        }
    }
}
