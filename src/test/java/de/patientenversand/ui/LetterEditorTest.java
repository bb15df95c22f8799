package de.patientenversand.ui;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.common.UserException;
import de.patientenversand.ui.common.AppServices;
import de.patientenversand.ui.common.LinkAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Letter to the practice")
class LetterEditorTest {
    private static final String URL = "http://127.0.0.1:1/u/q3Jx8sKd0fV2mN7pLwR4tY6uZ1aB5cE9gH0iJ2kL3mN";
    @TempDir
    Path dataDir;
    @TempDir
    Path exportDir;
    private FxTestApp fx;

    @AfterEach
    void close() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    @DisplayName("'Text kopieren' puts the letter with the link and the check code on the clipboard; 'PDF speichern' writes it with the edited practice")
    void copyAndSave() throws Exception {
        MemoryVault vault = new MemoryVault();
        vault.create("Der richtige Satz".toCharArray());
        TestServices.MemoryLinks links = new TestServices.MemoryLinks();
        links.links.add(new LinkAccess.ShareLink("0123456789abcdef", "Praxis Dr. Muster", URL,
                Instant.now().plus(Duration.ofDays(30)), "K7M2QX", false));
        AppServices services = TestServices.with(dataDir, vault, links, new TestServices.EventServer());
        ScriptedDialogs dialogs = new ScriptedDialogs();
        fx = new FxTestApp(services, dialogs);
        var robot = fx.robot;
        robot.clickOn("#unlockPassword").write("Der richtige Satz");
        robot.clickOn("#unlockButton");
        fx.await(() -> robot.lookup(".tab-pane").tryQuery().isPresent());
        robot.clickOn("#tabShare");
        fx.await(() -> robot.lookup("#letter-0123456789abcdef").tryQuery().isPresent());
        robot.clickOn("#letter-0123456789abcdef");
        fx.await(() -> robot.lookup("#letterCopy").tryQuery().isPresent());
        TextField practice = robot.lookup("#letterPractice").queryAs(TextField.class);
        assertThat(practice.getText()).isEqualTo("Praxis Dr. Muster");

        robot.clickOn("#letterName").write("Erika Mustermann");
        robot.interact(() -> practice.setText(""));
        robot.clickOn("#letterCopy");
        assertThat(fx.text("letterMessage")).isEqualTo(UserException.format(Locale.GERMAN, "consent.missing.practice"));

        robot.clickOn("#letterPractice").write("Gemeinschaftspraxis Nord");
        robot.clickOn("#letterAddress").write("Hauptstraße 1");
        robot.clickOn("#letterCopy");
        AtomicReference<String> copied = new AtomicReference<>();
        robot.interact(() -> copied.set(Clipboard.getSystemClipboard().getString()));
        assertThat(copied.get()).contains("Art. 15 DSGVO").contains("Erika Mustermann")
                .contains(URL).contains("K7M2QX");
        assertThat(fx.text("letterMessage")).isEqualTo(fx.app.window().context().text("letter.copied"));

        Path target = exportDir.resolve("brief.pdf");
        dialogs.answers.add(target);
        robot.clickOn("#letterPdf");
        fx.await(() -> Files.exists(target));
        try (var doc = org.apache.pdfbox.Loader.loadPDF(Files.readAllBytes(target))) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc))
                    .as("the edited practice name and address are in the letter")
                    .contains("Gemeinschaftspraxis Nord").contains("Hauptstraße 1").contains("K7M2QX");
        }
    }
}
