package de.patientenversand.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

@DisplayName("Automatic locking")
class IdleLockTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    @DisplayName("locks after the idle time, and every key press or mouse move starts the time again")
    void locksWhenIdle() throws Exception {
        AtomicInteger locks = new AtomicInteger();
        CountDownLatch locked = new CountDownLatch(1);
        AtomicReference<Scene> scene = new AtomicReference<>();
        AtomicReference<IdleLock> lock = new AtomicReference<>();
        Platform.runLater(() -> {
            scene.set(new Scene(new StackPane()));
            lock.set(new IdleLock(scene.get(), () -> {
                locks.incrementAndGet();
                locked.countDown();
            }));
            lock.get().start(Duration.millis(600));
        });
        for (int i = 0; i < 6; i++) {
            Thread.sleep(200);
            Platform.runLater(() -> KeyEvent.fireEvent(scene.get().getRoot(),
                    new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.A, false, false, false, false)));
        }
        assertThat(locks.get()).as("still in use, so not locked").isZero();
        assertThat(locked.await(5, TimeUnit.SECONDS)).as("locked once idle").isTrue();
        Thread.sleep(800);
        assertThat(locks.get()).isEqualTo(1);
    }
}
