package de.patientenversand.ui;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.VaultCreator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Backup in the settings")
class BackupPaneTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path usb;
    private FxTestApp fx;

    @AfterEach
    void close() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    @DisplayName("without any backup a reminder is shown; 'Sicherung erstellen' writes the backup file and says so plainly")
    void createBackup() throws Exception {
        new VaultCreator(new SecureRandom()).create(dataDir, "Der richtige Satz".toCharArray(), new KdfParams(1024, 1, 1));
        MemoryVault vault = new MemoryVault();
        vault.create("Der richtige Satz".toCharArray());
        ScriptedDialogs dialogs = new ScriptedDialogs();
        fx = new FxTestApp(TestServices.with(dataDir, vault, new TestServices.MemoryLinks(),
                new TestServices.EventServer()), dialogs);
        var robot = fx.robot;
        robot.clickOn("#unlockPassword").write("Der richtige Satz");
        robot.clickOn("#unlockButton");
        fx.await(() -> robot.lookup(".tab-pane").tryQuery().isPresent());
        robot.clickOn("#tabSettings");
        fx.await(() -> !fx.text("backupReminder").isEmpty());
        assertThat(fx.text("backupReminder")).contains("noch keine Sicherung");

        Path target = usb.resolve("sicherung.pvbackup");
        dialogs.answers.add(target);
        robot.interact(() -> robot.lookup("#backupCreate").queryButton().fire());
        fx.await(() -> fx.text("backupMessage").contains("sicherung.pvbackup"));
        assertThat(fx.text("backupMessage")).startsWith("Die Sicherung ist erstellt");
        assertThat(Files.size(target)).isGreaterThan(0);
        assertThat(fx.text("backupReminder")).isEmpty();
        assertThat(dialogs.suggested.peekLast()).endsWith(".pvbackup");
    }
}
