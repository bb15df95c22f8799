package de.patientenversand.launcher;

import java.nio.file.Path;

/** Starts the desktop app (filled in by the desktop app work). */
final class GuiLauncher {
    private GuiLauncher() {
    }

    static void launch(Path dataDir) {
        System.err.println("The desktop app is not built yet; see `patientenversand --help` for the commands.");
    }
}
