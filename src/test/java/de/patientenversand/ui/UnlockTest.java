package de.patientenversand.ui;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.common.UserException;
import de.patientenversand.ui.common.I18n;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Unlocking")
class UnlockTest {
    private final I18n de = I18n.forLanguage("de");
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
    @DisplayName("a wrong password gets a plain message and the right one opens the inbox; locking closes it again")
    void wrongThenRight() throws Exception {
        MemoryVault vault = new MemoryVault();
        vault.create("Der richtige Satz".toCharArray());
        fx = new FxTestApp(TestServices.with(dataDir, vault, new TestServices.MemoryLinks(),
                new TestServices.EventServer()), new ScriptedDialogs());
        var robot = fx.robot;

        robot.clickOn("#unlockPassword").write("Der falsche Satz");
        robot.clickOn("#unlockButton");
        fx.await(() -> !fx.text("unlockMessage").isEmpty());
        assertThat(fx.text("unlockMessage"))
                .isEqualTo(UserException.format(Locale.GERMAN, "vault.wrongPassphrase"))
                .doesNotContain("vault.");
        assertThat(robot.lookup(".tab-pane").tryQuery()).isEmpty();

        robot.clickOn("#unlockPassword").write("Der richtige Satz");
        robot.clickOn("#unlockButton");
        fx.await(() -> robot.lookup(".tab-pane").tryQuery().isPresent());
        assertThat(vault.unlockAttempts).isEqualTo(2);
        assertThat(fx.app.window().context().stage().getTitle()).startsWith("Patientenversand");

        robot.clickOn("#lockButton");
        fx.await(() -> robot.lookup("#unlockPassword").tryQuery().isPresent());
        assertThat(vault.inbox.closed).as("locking wipes the key").isTrue();
        assertThat(robot.lookup(".tab-pane").tryQuery()).isEmpty();
    }

    @Test
    @DisplayName("the recovery code unlocks too, and a wrong one is named as such")
    void recoveryCode() throws Exception {
        MemoryVault vault = new MemoryVault();
        vault.create("Der richtige Satz".toCharArray());
        fx = new FxTestApp(TestServices.with(dataDir, vault, new TestServices.MemoryLinks(),
                new TestServices.EventServer()), new ScriptedDialogs());
        var robot = fx.robot;
        robot.clickOn(de.text("unlock.useRecoveryCode"));
        robot.clickOn("#unlockRecoveryCode").write("AAAA-BBBB");
        robot.clickOn("#unlockButton");
        fx.await(() -> !fx.text("unlockMessage").isEmpty());
        assertThat(fx.node("unlockMessage", Label.class).getText())
                .isEqualTo(UserException.format(Locale.GERMAN, "vault.wrongRecoveryCode"));
        robot.clickOn("#unlockRecoveryCode").eraseText(9).write(MemoryVault.RECOVERY_CODE);
        robot.clickOn("#unlockButton");
        fx.await(() -> robot.lookup(".tab-pane").tryQuery().isPresent());
    }
}
