package de.patientenversand.upload;

import de.patientenversand.common.events.AppEvent;

/** An address reached the limit of failed link attempts and is turned away for a while (once per window). */
public record RateLimited(String addressHash, int count) implements AppEvent {
    @Override
    public String type() {
        return "rate_limited";
    }
}
