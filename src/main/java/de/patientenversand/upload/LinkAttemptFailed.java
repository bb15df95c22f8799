package de.patientenversand.upload;

import de.patientenversand.common.events.AppEvent;

/**
 * A request carried a token that belongs to no link. The address appears only as the limiter's
 * keyed hash (key in memory, new every day); {@code count} is that address's failures so far.
 */
public record LinkAttemptFailed(String addressHash, int count) implements AppEvent {
    @Override
    public String type() {
        return "link_attempt_failed";
    }
}
