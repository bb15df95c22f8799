package de.patientenversand.ui.common;

import java.util.Map;

/**
 * One event from the {@code serve} child: its JSON line's {@code type} and fields, or an event the
 * supervisor itself reports ({@link #STARTING}, {@link #LISTENING}, {@link #CRASHED}). Events
 * carry ids, counts and states only.
 */
public record ServerEvent(String type, Map<String, Object> fields) {
    public static final String STARTING = "server_starting";
    public static final String LISTENING = "server_listening";
    public static final String CRASHED = "server_crashed";
    public static final String PUBLIC_URL = "public_url";

    public ServerEvent {
        fields = Map.copyOf(fields);
    }

    public String text(String field) {
        Object v = fields.get(field);
        return v == null ? null : v.toString();
    }

    public int number(String field, int fallback) {
        Object v = fields.get(field);
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return v == null ? fallback : Integer.parseInt(v.toString());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
