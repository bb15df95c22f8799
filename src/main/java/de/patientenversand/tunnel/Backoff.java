package de.patientenversand.tunnel;

import java.time.Duration;

/**
 * Capped exponential delay between restarts: quick retries after a blip, but no hammering of
 * Cloudflare (quick tunnels are rate-limited) when the network is down for hours.
 */
final class Backoff {
    private final Duration first;
    private final Duration cap;
    private int failures;

    Backoff(Duration first, Duration cap) {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= cap");
        }
        this.first = first;
        this.cap = cap;
    }

    /** The delay before the next attempt; each call doubles the following one up to the cap. */
    Duration next() {
        int shift = Math.min(failures, 30);
        failures++;
        long millis = first.toMillis() << shift;
        return millis <= 0 || millis >= cap.toMillis() ? cap : Duration.ofMillis(millis);
    }

    /** After a success the next failure starts again at the first delay. */
    void reset() {
        failures = 0;
    }

    Duration cap() {
        return cap;
    }
}
