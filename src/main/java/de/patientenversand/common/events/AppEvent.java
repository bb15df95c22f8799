package de.patientenversand.common.events;

/**
 * Something the server or tunnel reports to whoever listens (the app's UI, the activity log).
 * Events carry ids, counts, codes and states only: never a file name, sender, message, token or
 * address in the clear, because they cross a process boundary and may be logged.
 */
public interface AppEvent {
    /** A stable name of the kind of event, used as {@code "type"} in the JSON line. */
    String type();
}
