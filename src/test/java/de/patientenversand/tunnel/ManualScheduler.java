package de.patientenversand.tunnel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A scheduler whose time moves only when the test says so. */
final class ManualScheduler implements Scheduler {
    private final List<Entry> entries = new ArrayList<>();
    private long now;
    final List<Duration> requested = new ArrayList<>();

    private static final class Entry {
        final long at;
        final Runnable task;
        boolean cancelled;

        Entry(long at, Runnable task) {
            this.at = at;
            this.task = task;
        }
    }

    @Override
    public synchronized Task schedule(Runnable task, Duration delay) {
        requested.add(delay);
        Entry e = new Entry(now + delay.toMillis(), task);
        entries.add(e);
        return () -> e.cancelled = true;
    }

    /** Runs every task due within the next {@code d}, in time order. */
    void advance(Duration d) {
        long end = now + d.toMillis();
        while (true) {
            Entry next;
            synchronized (this) {
                next = entries.stream().filter(e -> !e.cancelled && e.at <= end)
                        .min(Comparator.comparingLong(e -> e.at)).orElse(null);
                if (next == null) {
                    now = end;
                    return;
                }
                entries.remove(next);
                now = next.at;
            }
            next.task.run();
        }
    }

    synchronized long pending() {
        return entries.stream().filter(e -> !e.cancelled).count();
    }
}
