package de.patientenversand.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What start at login starts")
class AppDesktopTest {

    @Test
    @DisplayName("an installed app starts through its own launcher, with its data folder, in the background")
    void installedLauncher() {
        String old = System.getProperty("jpackage.app-path");
        System.setProperty("jpackage.app-path", "/opt/patientenversand/bin/Patientenversand");
        try {
            assertThat(AppDesktop.startCommand(Path.of("/home/anna/.local/share/patientenversand"))).containsExactly(
                    "/opt/patientenversand/bin/Patientenversand", "--data-dir", "/home/anna/.local/share/patientenversand",
                    "--background");
        } finally {
            if (old == null) {
                System.clearProperty("jpackage.app-path");
            } else {
                System.setProperty("jpackage.app-path", old);
            }
        }
    }

    @Test
    @DisplayName("run from a build, it starts this Java with the same class path and the main class")
    void fromBuild() {
        assertThat(System.getProperty("jpackage.app-path")).isNull();
        var cmd = AppDesktop.startCommand(Path.of("/tmp/pv"));
        assertThat(cmd.getFirst()).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertThat(cmd).containsSubsequence(Main.class.getName(), "--data-dir", "/tmp/pv", "--background");
    }
}
