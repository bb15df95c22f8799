package de.patientenversand.ui.common;

import java.util.function.Consumer;

/**
 * The {@code serve} child process that receives uploads (DESIGN.md section 2). Events arrive on a
 * background thread; the UI moves them onto the FX thread.
 */
public interface ServerProcess {
    void start(Consumer<ServerEvent> listener);

    void stop();
}
