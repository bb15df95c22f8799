package de.patientenversand.ui;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.vault.ActivityEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Activity view")
class ActivityViewTest {
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
    @DisplayName("a failed unlock shows up first in plain German, marked 'Auffällig' with a sign, ordinary entries unmarked")
    void failedUnlockIsMarked() throws Exception {
        MemoryVault vault = new MemoryVault();
        vault.create("Der richtige Satz".toCharArray());
        vault.activity.add(new ActivityEntry(100, Instant.parse("2026-12-03T13:05:00Z"), "upload_received",
                Map.of("size", 2_516_582), false));
        fx = new FxTestApp(TestServices.with(dataDir, vault, new TestServices.MemoryLinks(),
                new TestServices.EventServer()), new ScriptedDialogs());
        var robot = fx.robot;
        robot.clickOn("#unlockPassword").write("Der falsche Satz");
        robot.clickOn("#unlockButton");
        fx.await(() -> !fx.text("unlockMessage").isEmpty());
        robot.clickOn("#unlockPassword").write("Der richtige Satz");
        robot.clickOn("#unlockButton");
        fx.await(() -> robot.lookup(".tab-pane").tryQuery().isPresent());

        robot.clickOn("#tabActivity");
        @SuppressWarnings("unchecked")
        ListView<ActivityEntry> list = robot.lookup("#activityList").queryAs(ListView.class);
        fx.await(() -> list.getItems().size() == 2);
        assertThat(list.getItems().get(0).kind()).as("newest first").isEqualTo("unlock_failed");

        ActivityEntry failed = list.getItems().get(0);
        fx.await(() -> robot.lookup("#unusual-" + failed.id()).tryQuery().isPresent());
        Label badge = robot.lookup("#unusual-" + failed.id()).queryAs(Label.class);
        assertThat(badge.getText()).contains("Auffällig").startsWith("\u26A0");
        assertThat(badge.isVisible()).isTrue();
        Node row = badge.getParent();
        assertThat(robot.from(row).lookup((Label l) -> "Ein falsches Passwort wurde eingegeben.".equals(l.getText()))
                .tryQuery()).isPresent();
        assertThat(robot.lookup("#unusual-100").tryQuery()).as("an arrived document is not unusual").isEmpty();
        assertThat(robot.lookup((Label l) -> "3. Dezember 2026, 14:05".equals(l.getText())).tryQuery())
                .as("time in Berlin, written out").isPresent();
        assertThat(robot.lookup((Label l) -> "Ein Dokument ist angekommen (2,4 MB).".equals(l.getText())).tryQuery())
                .isPresent();
        assertThat(fx.text("activitySummary")).contains("1 auffälliger Eintrag");
    }
}
