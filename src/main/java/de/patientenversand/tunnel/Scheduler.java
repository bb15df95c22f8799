package de.patientenversand.tunnel;

import java.time.Duration;

/** Runs a task later; injectable so tests advance time by hand instead of sleeping. */
public interface Scheduler {
    /** A scheduled task that can be called off. */
    interface Task {
        void cancel();
    }

    Task schedule(Runnable task, Duration delay);
}
