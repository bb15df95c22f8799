package de.patientenversand.ui;

import de.patientenversand.ui.common.FileDialogs;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javafx.stage.Window;

/** File dialogs that answer with paths a test queued (native choosers cannot run headless). */
final class ScriptedDialogs implements FileDialogs {
    final Deque<Path> answers = new ArrayDeque<>();
    final Deque<String> suggested = new ArrayDeque<>();

    @Override
    public Optional<Path> saveFile(Window owner, String title, String suggestedName) {
        suggested.add(suggestedName);
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<Path> openFile(Window owner, String title) {
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<Path> chooseFolder(Window owner, String title) {
        return Optional.ofNullable(answers.poll());
    }
}
