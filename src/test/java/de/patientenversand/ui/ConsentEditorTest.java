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
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Consent editor")
class ConsentEditorTest {
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
    @DisplayName("missing fields are named next to the field, an empty pad is refused, a drawn signature saves a PDF version with the name")
    void fillDrawSave() throws Exception {
        MemoryVault vault = new MemoryVault();
        vault.create("Der richtige Satz".toCharArray());
        TestServices.MemoryLinks links = new TestServices.MemoryLinks();
        links.links.add(new LinkAccess.ShareLink("0123456789abcdef", "Praxis Dr. Muster",
                "http://127.0.0.1:1/u/q3Jx8sKd0fV2mN7pLwR4tY6uZ1aB5cE9gH0iJ2kL3mN",
                Instant.now().plus(Duration.ofDays(30)), "K7M2QX", false));
        AppServices services = TestServices.with(dataDir, vault, links, new TestServices.EventServer());
        TestConsents consents = (TestConsents) services.consents();
        ScriptedDialogs dialogs = new ScriptedDialogs();
        fx = new FxTestApp(services, dialogs);
        var robot = fx.robot;
        robot.clickOn("#unlockPassword").write("Der richtige Satz");
        robot.clickOn("#unlockButton");
        fx.await(() -> robot.lookup(".tab-pane").tryQuery().isPresent());
        robot.clickOn("#tabShare");
        fx.await(() -> robot.lookup("#consent-0123456789abcdef").tryQuery().isPresent());
        robot.clickOn("#consent-0123456789abcdef");
        fx.await(() -> robot.lookup("#consentSave").tryQuery().isPresent());
        assertThat(robot.lookup("#consentPractice").queryAs(TextField.class).getText())
                .as("prefilled from the link's label").isEqualTo("Praxis Dr. Muster");

        robot.clickOn("#consentName").write("Erika Mustermann");
        robot.clickOn("#consentSave");
        fx.await(() -> !fx.text("error-birthDate").isEmpty());
        assertThat(fx.text("error-birthDate")).isEqualTo(UserException.format(Locale.GERMAN, "consent.missing.birthDate"));

        robot.clickOn("#consentBirth").write("23.04.1980");
        robot.clickOn("#consentSave");
        fx.await(() -> !fx.text("error-signature").isEmpty());
        assertThat(fx.text("error-signature")).isEqualTo(UserException.format(Locale.GERMAN, "consent.missing.signature"));
        assertThat(fx.text("error-birthDate")).isEmpty();
        assertThat(consents.service.versions("0123456789abcdef")).as("nothing saved without a signature").isEmpty();

        robot.moveTo("#signaturePad").moveBy(-120, 0).press(MouseButton.PRIMARY)
                .moveBy(60, 25).moveBy(60, -30).moveBy(60, 20).release(MouseButton.PRIMARY);
        robot.clickOn("#consentSave");
        fx.await(() -> fx.text("consentMessage").contains("1"));
        assertThat(fx.text("error-signature")).isEmpty();
        assertThat(consents.service.versions("0123456789abcdef")).containsExactly(1);
        byte[] pdf = consents.service.latest("0123456789abcdef", "q3Jx8sKd0fV2mN7pLwR4tY6uZ1aB5cE9gH0iJ2kL3mN");
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (var doc = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(doc)).contains("Erika Mustermann").contains("Praxis Dr. Muster");
        }

        @SuppressWarnings("unchecked")
        ListView<Integer> versions = robot.lookup("#consentVersions").queryAs(ListView.class);
        fx.await(() -> versions.getItems().size() == 1);
        robot.interact(() -> versions.getSelectionModel().select(0));
        Path target = exportDir.resolve("einwilligung.pdf");
        dialogs.answers.add(target);
        robot.clickOn("#consentExport");
        fx.await(() -> Files.exists(target));
        assertThat(Files.readAllBytes(target)).isEqualTo(pdf);
    }
}
