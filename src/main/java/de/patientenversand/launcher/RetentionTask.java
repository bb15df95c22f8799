package de.patientenversand.launcher;

import de.patientenversand.vault.Retention;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the automatic deletion in {@code serve}: at start and then every {@code period}. */
final class RetentionTask implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionTask.class);
    private final Retention retention;
    private final int days;
    private ScheduledExecutorService timer;

    RetentionTask(Retention retention, int days) {
        this.retention = retention;
        this.days = days;
    }

    synchronized void start(Duration period) {
        if (days <= 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::run, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            int n = retention.prune(days);
            if (n > 0) {
                LOG.info("Automatic deletion removed {} documents older than {} days", n, days);
            }
        } catch (Exception e) {
            LOG.warn("Automatic deletion failed ({})", e.getClass().getName());
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
