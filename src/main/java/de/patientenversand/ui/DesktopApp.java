package de.patientenversand.ui;

import de.patientenversand.ui.common.AppServices;
import javafx.application.Application;

/** The one entry the launcher calls to open the desktop app (only {@code ui.*} touches JavaFX). */
public final class DesktopApp {
    private DesktopApp() {
    }

    /** Blocks until the window is closed. */
    public static void launch(AppServices services) {
        FxApp.handOff(services);
        Application.launch(FxApp.class);
    }
}
