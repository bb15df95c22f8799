package de.patientenversand.upload;

import java.time.Clock;
import java.time.Duration;

/**
 * Closes uploads that trickle below a minimum rate over a window (1 KB/s over 30 s by default):
 * the idle read timeout alone does not stop a client that sends one byte a second and so holds a
 * worker thread for days (T29).
 */
final class MinRateGuard {
    private final long minBytesPerWindow;
    private final long windowMillis;
    private final Clock clock;
    private long windowStart;
    private long bytes;

    MinRateGuard(long minBytesPerSecond, Duration window, Clock clock) {
        this.windowMillis = window.toMillis();
        this.minBytesPerWindow = minBytesPerSecond * window.toMillis() / 1000;
        this.clock = clock;
        this.windowStart = clock.millis();
    }

    /** Records bytes just read; throws 408 {@code timeout} when the last window was too slow. */
    void record(int n) {
        bytes += n;
        long now = clock.millis();
        if (now - windowStart >= windowMillis) {
            if (bytes < minBytesPerWindow) {
                throw UploadException.closing(ApiError.TIMEOUT);
            }
            windowStart = now;
            bytes = 0;
        }
    }
}
