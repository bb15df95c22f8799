package de.patientenversand.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Restore on first run")
class RestoreStepTest {
    @TempDir
    Path dataDir;
    private FxTestApp fx;

    @AfterEach
    void close() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    @DisplayName("'Aus Sicherung wiederherstellen' asks for the file first, restores with the password and then shows the unlock screen")
    void restoreThenUnlock() throws Exception {
        MemoryVault vault = new MemoryVault();
        ScriptedDialogs dialogs = new ScriptedDialogs();
        fx = new FxTestApp(TestServices.with(dataDir, vault, new TestServices.MemoryLinks(),
                new TestServices.EventServer()), dialogs);
        var robot = fx.robot;
        robot.clickOn("#welcomeRestore");
        robot.clickOn("#restoreRun");
        assertThat(fx.text("restoreMessage")).isEqualTo(fx.app.window().context().text("restore.noFile"));
        assertThat(vault.exists()).isFalse();

        dialogs.answers.add(Path.of("/media/usb/patientenversand-2026-12-03.pvbackup"));
        robot.clickOn("#restoreChoose");
        assertThat(fx.text("restoreFile")).isEqualTo("patientenversand-2026-12-03.pvbackup");
        robot.clickOn("#restorePassword").write("Der richtige Satz");
        robot.clickOn("#restoreRun");
        fx.await(() -> robot.lookup("#unlockPassword").tryQuery().isPresent());
        assertThat(vault.exists()).isTrue();
        robot.clickOn("#unlockPassword").write("Der richtige Satz");
        robot.clickOn("#unlockButton");
        fx.await(() -> robot.lookup(".tab-pane").tryQuery().isPresent());
    }
}
