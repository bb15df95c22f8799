package de.patientenversand.ui.common;

import de.patientenversand.settings.SettingsStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;

/**
 * Everything the desktop app needs, built once by the launcher's composition root and handed to
 * the controllers through their constructors. {@code startupProblem} is a message for the
 * patient when the app cannot run (for example, it is already open for this vault), else null.
 */
public record AppServices(Path dataDir, SettingsStore settings, VaultAccess vault, LinkAccess links,
                          ConsentAccess consents,
                          ServerProcess server, ExecutorService background, Clock clock, ZoneId zone,
                          FolderOpener folderOpener, DesktopIntegration desktop, String startupProblem) {

    /** Opens a folder in the system's file manager (the app never opens document files). */
    @FunctionalInterface
    public interface FolderOpener {
        void open(Path folder) throws Exception;
    }
}
