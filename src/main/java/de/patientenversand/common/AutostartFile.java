package de.patientenversand.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An autostart entry that is one file (XDG desktop entry, macOS LaunchAgent): enabled while the
 * file exists; written owner-only and atomically, so a half-written entry never starts anything.
 */
abstract class AutostartFile implements Autostart {
    protected final List<String> command;
    private final Path file;

    AutostartFile(List<String> command, Path file) {
        this.command = List.copyOf(command);
        this.file = file;
    }

    /** The file's text, starting {@link #command}. */
    abstract String content();

    @Override
    public boolean isEnabled() {
        return Files.isRegularFile(file);
    }

    @Override
    public void enable() throws IOException {
        OwnerOnlyFiles.writeAtomically(file, content().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void disable() throws IOException {
        Files.deleteIfExists(file);
    }
}
