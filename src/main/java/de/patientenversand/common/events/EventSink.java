package de.patientenversand.common.events;

/** Receives events; implementations must be thread-safe and must not block for long. */
@FunctionalInterface
public interface EventSink {
    EventSink NONE = event -> { };

    void publish(AppEvent event);
}
