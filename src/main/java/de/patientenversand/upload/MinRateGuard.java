package de.patientenversand.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;

/**
 * Closes uploads that trickle below a minimum rate over a window (1 KB/s over 30 s by default):
 * the idle read timeout alone does not stop a client that sends one byte a second and so holds a
 * worker thread for days (T29).
 */
public final class MinRateGuard {
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

    /**
     * {@code in} with the limits' minimum rate: a read after a window that brought too few bytes
     * throws 408 {@code timeout} (an {@link UploadException} that closes the connection). For small
     * bodies read on a worker thread (e.g. a submission's JSON), which would otherwise hold the
     * thread as long as a trickle lasts.
     */
    public static InputStream guard(InputStream in, UploadLimits limits, Clock clock) {
        MinRateGuard rate = new MinRateGuard(limits.minRateBytesPerSecond(), limits.rateWindow(), clock);
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                rate.record(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                rate.record(Math.max(n, 0));
                return n;
            }
        };
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
