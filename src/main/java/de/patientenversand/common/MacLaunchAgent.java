package de.patientenversand.common;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** macOS: a LaunchAgent in {@code ~/Library/LaunchAgents} that runs once at login. */
final class MacLaunchAgent extends AutostartFile {
    MacLaunchAgent(List<String> command, Path file) {
        super(command, file);
    }

    @Override
    String content() {
        String args = command.stream().map(a -> "    <string>" + xml(a) + "</string>")
                .collect(Collectors.joining("\n"));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                  <key>Label</key>
                  <string>de.patientenversand.autostart</string>
                  <key>ProgramArguments</key>
                  <array>
                %s
                  </array>
                  <key>RunAtLoad</key>
                  <true/>
                </dict>
                </plist>
                """.formatted(args);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
