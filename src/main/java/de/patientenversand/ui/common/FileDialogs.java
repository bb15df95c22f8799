package de.patientenversand.ui.common;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** The file and folder choosers the patient uses for exports (replaceable in tests). */
public interface FileDialogs {
    Optional<Path> saveFile(Window owner, String title, String suggestedName);

    Optional<Path> chooseFolder(Window owner, String title);

    /** An existing file to read (for example a backup to restore). */
    Optional<Path> openFile(Window owner, String title);
}
