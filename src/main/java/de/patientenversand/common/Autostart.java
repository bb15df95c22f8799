package de.patientenversand.common;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "Beim Anmelden starten": the operating system's own way of starting the app when the patient
 * logs in, so practices can upload without the patient remembering to open it. The entry itself
 * is the setting (no copy in settings.json that could disagree with it): an XDG autostart file on
 * Linux, a LaunchAgent on macOS, a value under the user's {@code Run} key on Windows. Each starts
 * the given command, which opens the app in the background.
 */
public interface Autostart {
    /** The name of the entry in every system's list of start-up programs. */
    String ENTRY = "Patientenversand";

    boolean isEnabled() throws IOException;

    void enable() throws IOException;

    void disable() throws IOException;

    /** The entry for this system, starting {@code command} (program and arguments). */
    static Autostart forThisSystem(List<String> command) {
        return forSystem(command, System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    static Autostart forSystem(List<String> command, Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return new WindowsRunKey(command);
        }
        if (os.contains("mac")) {
            return new MacLaunchAgent(command, home.resolve("Library/LaunchAgents/de.patientenversand.autostart.plist"));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return new XdgAutostart(command, config.resolve("autostart/patientenversand.desktop"));
    }
}
