package de.patientenversand.upload;

import java.util.concurrent.Semaphore;

/**
 * At most N uploads in progress at once (DESIGN.md section 6: 32); the next one gets 503
 * {@code busy} with {@code Retry-After} at once instead of waiting and holding a thread. Shared
 * by the multipart and the tus handlers.
 */
public final class UploadSlots {
    private final Semaphore permits;

    public UploadSlots(int max) {
        this.permits = new Semaphore(max);
    }

    /** Takes a slot, or throws 503 busy. Release it with {@link #release()}. */
    public void acquire() {
        if (!permits.tryAcquire()) {
            throw UploadException.closing(ApiError.BUSY);
        }
    }

    public void release() {
        permits.release();
    }

    public int available() {
        return permits.availablePermits();
    }
}
