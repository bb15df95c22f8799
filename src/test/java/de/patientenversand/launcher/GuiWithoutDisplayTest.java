package de.patientenversand.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the desktop app on a computer where no window can open")
class GuiWithoutDisplayTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("without a display the app ends with exit 1 and a plain German message naming what is missing and that serve still works")
    void noDisplayGivesPlainMessage() throws Exception {
        ProcessBuilder pb = ServeCliTest.java("-Duser.language=de", "-Duser.country=DE", "--data-dir", dir.resolve("vault").toString());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process app = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(app.waitFor(90, TimeUnit.SECONDS)).as("the app ends by itself").isTrue();
            String err = new String(app.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(app.exitValue()).as(err).isEqualTo(1);
            assertThat(err).contains("Das Fenster von Patientenversand kann nicht geöffnet werden")
                    .contains("libgtk-3-0")
                    .contains("patientenversand serve")
                    .doesNotContain("Fehler-ID")
                    .doesNotContain("Exception");
        } finally {
            app.destroyForcibly();
        }
    }
}
