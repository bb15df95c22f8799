package de.patientenversand.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Start at login")
class AutostartTest {
    private static final List<String> COMMAND =
            List.of("/opt/patientenversand/bin/Patientenversand", "--data-dir", "/home/anna/Meine Daten/pv", "--background");
    @TempDir
    Path home;

    @Test
    @DisplayName("Linux: switching it on writes an XDG autostart entry that starts the app in the background; off removes it")
    void linuxXdgEntry() throws Exception {
        Autostart autostart = Autostart.forSystem(COMMAND, Map.of(), "Linux", home);
        Path entry = home.resolve(".config/autostart/patientenversand.desktop");
        assertThat(autostart.isEnabled()).isFalse();

        autostart.enable();
        assertThat(autostart.isEnabled()).isTrue();
        assertThat(Files.readAllLines(entry)).contains(
                "[Desktop Entry]",
                "Type=Application",
                "Name=Patientenversand",
                "Exec=\"/opt/patientenversand/bin/Patientenversand\" \"--data-dir\" \"/home/anna/Meine Daten/pv\" \"--background\"");
        assertThat(Files.getPosixFilePermissions(entry)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        autostart.disable();
        assertThat(entry).doesNotExist();
        assertThat(autostart.isEnabled()).isFalse();
        autostart.disable();
    }

    @Test
    @DisplayName("Linux: XDG_CONFIG_HOME is honoured, and odd characters in paths are quoted as the desktop entry spec says")
    void xdgQuoting() throws Exception {
        Path config = home.resolve("cfg");
        Autostart autostart = Autostart.forSystem(List.of("/opt/a\"b/$x`y\\z 100%"), Map.of("XDG_CONFIG_HOME", config.toString()),
                "Linux", home);
        autostart.enable();
        assertThat(Files.readAllLines(config.resolve("autostart/patientenversand.desktop")))
                .contains("Exec=\"/opt/a\\\\\"b/\\\\$x\\\\`y\\\\\\\\z 100%%\"");
    }

    @Test
    @DisplayName("macOS: a LaunchAgent runs the same command at login, each argument its own escaped string")
    void macLaunchAgent() throws Exception {
        Autostart autostart = Autostart.forSystem(List.of("/Applications/Patientenversand.app/Contents/MacOS/Patientenversand",
                "--data-dir", "/Users/anna/A&B <pv>", "--background"), Map.of(), "Mac OS X", home);
        autostart.enable();
        String plist = Files.readString(home.resolve("Library/LaunchAgents/de.patientenversand.autostart.plist"));
        assertThat(plist).contains("<key>RunAtLoad</key>", "<true/>",
                "<string>/Applications/Patientenversand.app/Contents/MacOS/Patientenversand</string>",
                "<string>/Users/anna/A&amp;B &lt;pv&gt;</string>", "<string>--background</string>");
        assertThat(autostart.isEnabled()).isTrue();
        autostart.disable();
        assertThat(autostart.isEnabled()).isFalse();
    }

    @Test
    @DisplayName("Windows: the Run value holds the quoted command (reg.exe is not run here: there is no Windows)")
    void windowsRunValue() {
        WindowsRunKey key = (WindowsRunKey) Autostart.forSystem(
                List.of("C:\\Program Files\\Patientenversand\\Patientenversand.exe", "--background"), Map.of(), "Windows 11", home);
        assertThat(key.addArguments()).containsExactly("add", WindowsRunKey.KEY, "/v", "Patientenversand", "/t", "REG_SZ",
                "/d", "\"C:\\Program Files\\Patientenversand\\Patientenversand.exe\" \"--background\"", "/f");
    }
}
