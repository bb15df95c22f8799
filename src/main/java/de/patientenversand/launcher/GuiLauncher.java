package de.patientenversand.launcher;

import de.patientenversand.common.UserException;
import de.patientenversand.ui.DesktopApp;
import java.nio.file.Path;

/** Starts the desktop app: builds it in the composition root and opens the window. */
final class GuiLauncher {
    private GuiLauncher() {
    }

    static void launch(Path dataDir, boolean background) {
        try (AppComposition app = AppComposition.create(dataDir, VaultAccess.kdf(), background)) {
            if (app.handedToRunningApp()) {
                // a second start: the running app brought its window to the front
                System.out.println(AppComposition.handedOverMessage(dataDir));
                return;
            }
            try {
                DesktopApp.launch(app.services());
            } catch (UnsupportedOperationException e) {
                // JavaFX's toolkit could not start: no display, or no GTK 3 on Linux ("Unable to
                // load glass GTK library"). A plain message instead of an error id.
                throw new UserException(e, "cli.error.noWindow");
            }
        }
    }
}
