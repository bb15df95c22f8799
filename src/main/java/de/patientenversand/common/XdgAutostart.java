package de.patientenversand.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Linux and other XDG desktops: a desktop entry in {@code ~/.config/autostart}. */
final class XdgAutostart implements Autostart {
    private final List<String> command;
    private final Path file;

    XdgAutostart(List<String> command, Path file) {
        this.command = List.copyOf(command);
        this.file = file;
    }

    @Override
    public boolean isEnabled() {
        return Files.isRegularFile(file);
    }

    @Override
    public void enable() throws IOException {
        OwnerOnlyFiles.writeAtomically(file, entry().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void disable() throws IOException {
        Files.deleteIfExists(file);
    }

    String entry() {
        return """
                [Desktop Entry]
                Type=Application
                Name=%s
                Comment=Empfängt Dokumente von Praxen im Hintergrund
                Comment[en]=Receives documents from practices in the background
                Exec=%s
                Icon=patientenversand
                Terminal=false
                X-GNOME-Autostart-enabled=true
                """.formatted(ENTRY, command.stream().map(XdgAutostart::quote).collect(Collectors.joining(" ")));
    }

    /**
     * Quoting of the desktop entry spec's Exec key: double quotes, with " ` $ \ escaped; then the
     * spec's string escaping doubles every backslash, and a literal % is written twice.
     */
    static String quote(String arg) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : arg.toCharArray()) {
            if (c == '"' || c == '`' || c == '$' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString().replace("\\", "\\\\").replace("%", "%%");
    }
}
