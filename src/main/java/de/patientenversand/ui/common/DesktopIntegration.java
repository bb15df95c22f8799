package de.patientenversand.ui.common;

import java.io.IOException;

/**
 * What the app asks of the desktop around it: start at login (the system's own list of start-up
 * programs) and second starts, which bring the running window to the front instead of opening
 * another app for the same vault.
 */
public interface DesktopIntegration {

    /** True if the system starts the app when the patient logs in. */
    boolean startsAtLogin() throws IOException;

    /** Adds or removes the app from the system's start-up programs. */
    void startAtLogin(boolean on) throws IOException;

    /** {@code show} runs (on any thread) whenever a second start asks for the window. */
    void onSecondStart(Runnable show);

    /** True if this start should keep the window hidden (started at login, a tray icon exists). */
    boolean startInBackground();

    /** For tests and systems without any of it. */
    static DesktopIntegration none() {
        return new DesktopIntegration() {
            @Override
            public boolean startsAtLogin() {
                return false;
            }

            @Override
            public void startAtLogin(boolean on) throws IOException {
                throw new IOException("start at login is not available here");
            }

            @Override
            public void onSecondStart(Runnable show) {
            }

            @Override
            public boolean startInBackground() {
                return false;
            }
        };
    }
}
