package de.patientenversand.ui;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.ui.common.DesktopIntegration;
import de.patientenversand.ui.common.I18n;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

@DisplayName("The app on the desktop: tray icon, second start, start at login")
class DesktopIntegrationTest {
    private static final String PASSWORD = "Der richtige Satz";
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
    @DisplayName("closing the window with a tray icon locks the inbox, hides the window, says once that the app runs on, and keeps receiving")
    void closeToTray() throws Exception {
        FakeTray tray = new FakeTray();
        TestServices.EventServer server = new TestServices.EventServer();
        MemoryVault vault = unlockedVaultApp(tray, server, new FakeDesktop(false));
        assertThat(tray.labels.tooltip()).startsWith("Patientenversand");
        assertThat(tray.labels.open()).isEqualTo(de.text("tray.open"));

        closeWindow();
        fx.await(() -> !stage().isShowing());
        assertThat(vault.inbox.closed).as("the inbox is locked when the window goes").isTrue();
        assertThat(server.listener).as("serve goes on: practices can still send").isNotNull();
        assertThat(tray.notices).containsExactly(de.text("tray.runningInBackground"));
        assertThat(de.text("tray.runningInBackground")).startsWith("Patientenversand läuft im Hintergrund");

        Platform.runLater(() -> server.listener.accept(new de.patientenversand.ui.common.ServerEvent(
                "upload_received", Map.of("submissionId", "s1", "documents", 1))));
        fx.await(() -> tray.notices.size() == 2);
        assertThat(tray.notices.get(1)).isEqualTo(de.text("tray.newDocument"));

        tray.open.run();
        fx.await(() -> stage().isShowing());
        fx.await(() -> fx.robot.lookup("#unlockPassword").tryQuery().isPresent());

        closeWindow();
        fx.await(() -> !stage().isShowing());
        assertThat(tray.notices).as("the background notice comes once per session").hasSize(2);
    }

    @Test
    @DisplayName("without a tray icon closing the window ends the app, as before")
    void noTrayNoBackground() throws Exception {
        MemoryVault vault = new MemoryVault();
        vault.create(PASSWORD.toCharArray());
        fx = new FxTestApp(TestServices.with(dataDir, vault, new TestServices.MemoryLinks(), new TestServices.EventServer()),
                new ScriptedDialogs(), Tray.none());
        assertThat(stage().getOnCloseRequest()).as("the close is not held back").isNull();
    }

    @Test
    @DisplayName("a second start brings the hidden window back to the front")
    void secondStartShowsWindow() throws Exception {
        FakeTray tray = new FakeTray();
        FakeDesktop desktop = new FakeDesktop(false);
        unlockedVaultApp(tray, new TestServices.EventServer(), desktop);
        closeWindow();
        fx.await(() -> !stage().isShowing());
        new Thread(desktop.secondStart).start();
        fx.await(() -> stage().isShowing());
    }

    @Test
    @DisplayName("started at login, the app stays in the tray with its window hidden and receives")
    void startInBackground() throws Exception {
        MemoryVault vault = new MemoryVault();
        vault.create(PASSWORD.toCharArray());
        TestServices.EventServer server = new TestServices.EventServer();
        fx = new FxTestApp(TestServices.with(dataDir, vault, new TestServices.MemoryLinks(), server, new FakeDesktop(true)),
                new ScriptedDialogs(), new FakeTray());
        assertThat(stage().isShowing()).isFalse();
        assertThat(server.listener).isNotNull();
    }

    @Test
    @DisplayName("the settings switch start at login on and off in the system's own list")
    void startAtLoginSetting() throws Exception {
        FakeDesktop desktop = new FakeDesktop(false);
        unlockedVaultApp(new FakeTray(), new TestServices.EventServer(), desktop);
        fx.robot.clickOn(de.text("tab.settings"));
        fx.await(() -> !fx.node("settingsStartAtLogin", CheckBox.class).isDisabled());
        assertThat(fx.node("settingsStartAtLogin", CheckBox.class).isSelected()).isFalse();

        clickStartAtLogin();
        fx.await(() -> desktop.atLogin && !fx.node("settingsStartAtLogin", CheckBox.class).isDisabled());
        assertThat(fx.text("settingsMessage")).isEqualTo(de.text("settings.startAtLogin.on"));

        desktop.failNext = true;
        clickStartAtLogin();
        fx.await(() -> fx.text("settingsMessage").equals(de.text("settings.startAtLogin.failed")));
        assertThat(fx.node("settingsStartAtLogin", CheckBox.class).isSelected()).as("shows what really holds").isTrue();
        assertThat(desktop.atLogin).isTrue();
    }

    private MemoryVault unlockedVaultApp(FakeTray tray, TestServices.EventServer server, FakeDesktop desktop) throws Exception {
        MemoryVault vault = new MemoryVault();
        vault.create(PASSWORD.toCharArray());
        fx = new FxTestApp(TestServices.with(dataDir, vault, new TestServices.MemoryLinks(), server, desktop),
                new ScriptedDialogs(), tray);
        fx.robot.clickOn("#unlockPassword").write(PASSWORD);
        fx.robot.clickOn("#unlockButton");
        fx.await(() -> fx.robot.lookup(".tab-pane").tryQuery().isPresent());
        return vault;
    }

    /** The box sits below the fold of the settings page; fire() is what a click on it does. */
    private void clickStartAtLogin() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> fx.node("settingsStartAtLogin", CheckBox.class).fire()).get();
    }

    private Stage stage() {
        return fx.app.window().context().stage();
    }

    private void closeWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage().fireEvent(new WindowEvent(stage(), WindowEvent.WINDOW_CLOSE_REQUEST))).get();
    }

    /** A tray that exists and records what it was asked to show. */
    static final class FakeTray implements Tray {
        final List<String> notices = new CopyOnWriteArrayList<>();
        volatile Labels labels;
        volatile Runnable open;

        @Override
        public boolean install(Labels l, Runnable o, Runnable quit) {
            labels = l;
            open = o;
            return true;
        }

        @Override
        public void notify(String title, String text) {
            notices.add(text);
        }

        @Override
        public void remove() {
        }
    }

    /** Start at login kept in a field; second starts triggered by the test. */
    static final class FakeDesktop implements DesktopIntegration {
        final boolean background;
        volatile boolean atLogin;
        volatile boolean failNext;
        volatile Runnable secondStart = () -> { };

        FakeDesktop(boolean background) {
            this.background = background;
        }

        @Override
        public boolean startsAtLogin() {
            return atLogin;
        }

        @Override
        public void startAtLogin(boolean on) throws java.io.IOException {
            if (failNext) {
                failNext = false;
                throw new java.io.IOException("test");
            }
            atLogin = on;
        }

        @Override
        public void onSecondStart(Runnable show) {
            secondStart = show;
        }

        @Override
        public boolean startInBackground() {
            return background;
        }
    }
}
