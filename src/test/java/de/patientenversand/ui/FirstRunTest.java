package de.patientenversand.ui;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.settings.Settings;
import de.patientenversand.settings.SettingsStore;
import de.patientenversand.ui.common.I18n;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("First run")
class FirstRunTest {
    private final I18n de = I18n.forLanguage("de");
    @TempDir
    Path dataDir;
    @TempDir
    Path elsewhere;
    private FxTestApp fx;

    @AfterEach
    void close() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    @DisplayName("a new patient goes from the welcome through password, recovery code, name and connection into the share panel")
    void wholeFirstRun() throws Exception {
        MemoryVault vault = new MemoryVault();
        ScriptedDialogs dialogs = new ScriptedDialogs();
        fx = new FxTestApp(TestServices.with(dataDir, vault, new TestServices.MemoryLinks(),
                new TestServices.EventServer()), dialogs);
        var robot = fx.robot;

        assertThat(robot.lookup(de.text("setup.welcome.title")).tryQuery()).isPresent();
        assertThat(fx.app.window().context().stage().getTitle()).startsWith("Patientenversand");
        RawKeys.assertNone(robot);
        robot.clickOn("#welcomeStart");
        RawKeys.assertNone(robot);

        robot.clickOn("#password1").write("kurz");
        robot.clickOn("#password2").write("kurz");
        robot.clickOn("#passwordNext");
        assertThat(fx.text("setupMessage")).isEqualTo(de.text("setup.password.tooShort", 10));

        robot.clickOn("#password1").eraseText(4).write("Mein Hund frisst gern Äpfel");
        assertThat(fx.text("strength")).isEqualTo(de.text("setup.password.strength.4"));
        robot.clickOn("#password2").eraseText(4).write("Mein Hund frisst gern Birnen");
        robot.clickOn("#passwordNext");
        assertThat(fx.text("setupMessage")).isEqualTo(de.text("setup.password.mismatch"));
        assertThat(vault.exists()).as("no vault from mismatched passwords").isFalse();

        robot.clickOn("#password2").write("Mein Hund frisst gern Äpfel");
        robot.clickOn("#passwordNext");
        fx.await(() -> robot.lookup("#recoveryCode").tryQuery().isPresent());
        assertThat(new String(vault.password)).isEqualTo("Mein Hund frisst gern Äpfel");
        assertThat(fx.node("recoveryCode", TextField.class).getText()).isEqualTo(MemoryVault.RECOVERY_CODE);

        RawKeys.assertNone(robot);
        Path codeFile = elsewhere.resolve("code.txt");
        dialogs.answers.add(codeFile);
        robot.clickOn("#recoverySave");
        fx.await(() -> Files.exists(codeFile));
        assertThat(Files.readString(codeFile)).contains(MemoryVault.RECOVERY_CODE);
        assertThat(fx.node("recoveryNext", Button.class).isDisabled()).as("must confirm keeping the code").isTrue();
        robot.clickOn("#recoveryKept");
        robot.clickOn("#recoveryNext");

        RawKeys.assertNone(robot);
        robot.clickOn("#nameNext");
        assertThat(robot.lookup(de.text("setup.name.missing")).tryQuery()).isPresent();
        robot.clickOn("#patientName").write("Erika Mustermann");
        robot.clickOn("#nameNext");

        RawKeys.assertNone(robot);
        robot.clickOn("#mode-off");
        robot.clickOn("#connectionFinish");
        fx.await(() -> robot.lookup("#tabShare").tryQuery().isPresent()
                || robot.lookup(".tab-pane").tryQuery().isPresent());

        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tabShare");
        RawKeys.assertNone(robot);
        robot.clickOn(de.text("tab.settings"));
        RawKeys.assertNone(robot);
        robot.clickOn(de.text("tab.inbox"));
        RawKeys.assertNone(robot);
        Settings saved = new SettingsStore(dataDir).load();
        assertThat(saved.patientName()).isEqualTo("Erika Mustermann");
        assertThat(saved.tunnelMode()).isEqualTo("off");
    }
}
