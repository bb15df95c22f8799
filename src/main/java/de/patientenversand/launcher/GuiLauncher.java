package de.patientenversand.launcher;

import de.patientenversand.ui.DesktopApp;
import java.nio.file.Path;

/** Starts the desktop app: builds it in the composition root and opens the window. */
final class GuiLauncher {
    private GuiLauncher() {
    }

    static void launch(Path dataDir) {
        try (AppComposition app = AppComposition.create(dataDir, VaultAccess.kdf())) {
            DesktopApp.launch(app.services());
        }
    }
}
