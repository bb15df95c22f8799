package de.patientenversand.common;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Linux and other XDG desktops: a desktop entry in {@code ~/.config/autostart}. */
final class XdgAutostart extends AutostartFile {
    XdgAutostart(List<String> command, Path file) {
        super(command, file);
    }

    @Override
    String content() {
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
