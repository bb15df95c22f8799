package de.patientenversand.launcher;

import de.patientenversand.ui.common.AppServices;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Opens the data folder in the system's file manager (never a document). */
final class FolderOpener implements AppServices.FolderOpener {
    @Override
    public void open(Path folder) throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> cmd = os.contains("win") ? List.of("explorer.exe", folder.toString())
                : os.contains("mac") ? List.of("open", folder.toString())
                : List.of("xdg-open", folder.toString());
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
