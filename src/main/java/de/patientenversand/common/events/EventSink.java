package de.patientenversand.common.events;

/** Receives events; implementations must be thread-safe and must not block for long. */
@FunctionalInterface
public interface EventSink {
    EventSink NONE = event -> { };

    void publish(AppEvent event);

    /** One sink that hands every event to each of {@code sinks} in order. */
    static EventSink all(EventSink... sinks) {
        EventSink[] copy = sinks.clone();
        return event -> {
            for (EventSink s : copy) {
                s.publish(event);
            }
        };
    }
}
