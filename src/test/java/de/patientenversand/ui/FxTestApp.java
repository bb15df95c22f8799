package de.patientenversand.ui;

import de.patientenversand.ui.common.AppServices;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real app window headless (Monocle) with the given services, and stops it. */
final class FxTestApp implements AutoCloseable {
    final FxRobot robot = new FxRobot();
    final FxApp app;

    FxTestApp(AppServices services, ScriptedDialogs dialogs) throws TimeoutException {
        this(services, dialogs, Tray.none());
    }

    FxTestApp(AppServices services, ScriptedDialogs dialogs, Tray tray) throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        app = (FxApp) FxToolkit.setupApplication(() -> new FxApp(services, dialogs, tray));
        WaitForAsyncUtils.waitForFxEvents();
    }

    <T extends Node> T node(String id, Class<T> type) {
        return robot.lookup("#" + id).queryAs(type);
    }

    String text(String id) {
        return node(id, Labeled.class).getText();
    }

    /** Waits (up to 20 s) until the condition holds, checking on the FX thread. */
    void await(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return WaitForAsyncUtils.asyncFx(() -> {
                try {
                    return condition.call();
                } catch (RuntimeException notYet) {
                    return false; // e.g. the node is not on screen yet
                }
            }).get();
        });
    }

    @Override
    public void close() throws TimeoutException {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }
}
