package de.patientenversand.ui.common;

import javafx.animation.PauseTransition;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.input.InputEvent;
import javafx.util.Duration;

/** Locks the inbox after the patient has not touched the window for a while. */
public final class IdleLock {
    private final PauseTransition timer = new PauseTransition();

    public IdleLock(Scene scene, Runnable lock) {
        timer.setOnFinished(e -> lock.run());
        scene.addEventFilter(InputEvent.ANY, this::touched);
    }

    private void touched(Event event) {
        if (timer.getStatus() == javafx.animation.Animation.Status.RUNNING) {
            timer.playFromStart();
        }
    }

    /** Starts (or restarts) the countdown; minutes <= 0 means never. */
    public void start(int minutes) {
        start(Duration.minutes(minutes));
    }

    /** Starts (or restarts) the countdown; zero or less means never. */
    public void start(Duration idle) {
        timer.stop();
        if (idle.greaterThan(Duration.ZERO)) {
            timer.setDuration(idle);
            timer.playFromStart();
        }
    }

    public void stop() {
        timer.stop();
    }
}
