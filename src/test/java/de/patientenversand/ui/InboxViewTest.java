package de.patientenversand.ui;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.ui.common.I18n;
import de.patientenversand.ui.common.ServerEvent;
import de.patientenversand.vault.DocumentInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Inbox window")
class InboxViewTest {
    private static final String PASSWORD = "Der richtige Satz";
    private final I18n de = I18n.forLanguage("de");
    @TempDir
    Path dataDir;
    @TempDir
    Path exports;
    private final MemoryVault vault = new MemoryVault();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final TestServices.EventServer server = new TestServices.EventServer();
    private FxTestApp fx;
    private byte[] pdf;

    @BeforeEach
    void start() throws Exception {
        vault.create(PASSWORD.toCharArray());
        pdf = TestDocuments.scannedPdf(2);
        Instant t = Instant.parse("2026-12-03T13:05:00Z");
        add("d1", "s1", "Befund.pdf", "application/pdf", pdf, t, "ok");
        add("d2", "s1", "Roentgen.png", "image/png", TestDocuments.png(300, 200), t, "ok");
        add("d3", "s2", "Kaputt.pdf", "application/pdf", TestDocuments.corruptPdf(), t.minusSeconds(600), "ok");
        add("d4", "s2", "Brief.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                new byte[] {1, 2, 3}, t.minusSeconds(600), "ok");
        add("d5", "s2", "Labor.pdf", "application/pdf", new byte[0], t.minusSeconds(600), "damaged");
        fx = new FxTestApp(TestServices.with(dataDir, vault, new TestServices.MemoryLinks(), server), dialogs);
        fx.robot.clickOn("#unlockPassword").write(PASSWORD);
        fx.robot.clickOn("#unlockButton");
        fx.await(() -> listSize() == 2);
    }

    private void add(String id, String submission, String name, String type, byte[] content, Instant at, String state) {
        String sender = submission.equals("s1") ? "Praxis Dr. Muster" : "Labor Nord";
        vault.inbox.add(new DocumentInfo(id, submission, name, content.length, "00", type, at, sender,
                "Ihre Ergebnisse", "Hausarzt", true, state, false), content);
    }

    private int listSize() {
        return fx.robot.lookup("#submissionList").queryAs(ListView.class).getItems().size();
    }

    @SuppressWarnings("unchecked")
    private TableView<DocumentInfo> table() {
        return fx.robot.lookup("#documentTable").queryAs(TableView.class);
    }

    private void select(int submission, int document) throws Exception {
        fx.robot.interact(() -> fx.robot.lookup("#submissionList").queryAs(ListView.class)
                .getSelectionModel().select(submission));
        fx.robot.interact(() -> table().getSelectionModel().select(document));
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    @DisplayName("a scanned PDF is rendered page by page, an image is shown, other types say Keine Vorschau")
    void previews() throws Exception {
        select(0, 0);
        fx.await(() -> fx.robot.lookup("#previewImage").queryAs(ImageView.class).getImage() != null);
        assertThat(fx.text("previewPage")).startsWith("Seite 1 von 2");
        fx.robot.clickOn("#preview-nextPage");
        fx.await(() -> fx.text("previewPage").startsWith("Seite 2 von 2"));
        fx.robot.clickOn("#preview-zoomIn");
        fx.await(() -> fx.text("previewPage").contains("125"));

        select(0, 1);
        fx.await(() -> {
            var img = fx.robot.lookup("#previewImage").queryAs(ImageView.class).getImage();
            return img != null && img.getWidth() == 300;
        });

        RawKeys.assertNone(fx.robot);
        select(1, 1);
        fx.await(() -> fx.text("previewMessage").equals(de.text("preview.none")));
        assertThat(fx.robot.lookup("#previewImage").queryAs(ImageView.class).getImage()).isNull();
    }

    @Test
    @DisplayName("a corrupt PDF says it cannot be shown but exports; a damaged document is listed as beschädigt")
    void corruptAndDamaged() throws Exception {
        select(1, 0);
        fx.await(() -> fx.text("previewMessage").equals(de.text("preview.cannotShow")));
        Path target = exports.resolve("Kaputt.pdf");
        dialogs.answers.add(target);
        fx.robot.clickOn("#exportButton");
        fx.await(() -> Files.exists(target));
        assertThat(Files.readAllBytes(target)).isEqualTo(TestDocuments.corruptPdf());

        select(1, 2);
        fx.await(() -> fx.text("previewMessage").equals(de.text("preview.damaged")));
        assertThat(table().getItems()).hasSize(3);
        assertThat(fx.robot.lookup(de.text("state.damaged")).tryQuery()).isPresent();
    }

    @Test
    @DisplayName("export writes identical bytes; a folder that cannot be written gets a plain message")
    void export() throws Exception {
        select(0, 0);
        Path target = exports.resolve("Befund.pdf");
        dialogs.answers.add(target);
        fx.robot.clickOn("#exportButton");
        fx.await(() -> fx.text("inboxMessage").equals(de.text("inbox.exported")));
        assertThat(Files.readAllBytes(target)).isEqualTo(pdf);

        Path locked = Files.createDirectory(exports.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        if (Files.isWritable(locked)) {
            // running as root: permissions do not stop root, but sysfs refuses new files
            locked = Path.of("/sys");
            Assumptions.assumeTrue(Files.isDirectory(locked), "needs a folder this user cannot write to");
        }
        dialogs.answers.add(locked);
        fx.robot.clickOn("#exportAllButton");
        fx.await(() -> fx.text("inboxMessage").equals(de.text("inbox.exportNotWritable")));

        Path folder = Files.createDirectory(exports.resolve("all"));
        dialogs.answers.add(folder);
        fx.robot.clickOn("#exportAllButton");
        fx.await(() -> fx.text("inboxMessage").equals(de.text("inbox.exportedAll", 2)));
        assertThat(Files.readAllBytes(folder.resolve("Befund.pdf"))).isEqualTo(pdf);
        assertThat(folder.resolve("Roentgen.png")).exists();
    }

    @Test
    @DisplayName("a new upload appears live with a notice that names only the count; search finds by sender")
    void liveUploadAndSearch() throws Exception {
        Instant later = Instant.parse("2026-12-03T14:00:00Z");
        vault.inbox.add(new DocumentInfo("d6", "s3", "Neu.pdf", pdf.length, "00", "application/pdf", later,
                "Praxis Süd", "", "Hausarzt", true, "ok", false), pdf);
        vault.inbox.pending.add(vault.inbox.docs.get("d6"));
        vault.inbox.pending.add(vault.inbox.docs.get("d6"));
        server.listener.accept(new ServerEvent("upload_received", Map.of("documents", 2)));
        fx.await(() -> listSize() == 3);
        assertThat(fx.text("newNotice")).isEqualTo("2 neue Dokumente");
        assertThat(fx.app.window().context().stage().getTitle()).isEqualTo("Patientenversand – Posteingang (6 ungelesen, 6 Dokumente)");

        fx.robot.clickOn("#inboxSearch").write("labor nord");
        fx.await(() -> listSize() == 1);
        fx.robot.eraseText(10).write("Roentgen");
        fx.await(() -> listSize() == 1);
    }
}
