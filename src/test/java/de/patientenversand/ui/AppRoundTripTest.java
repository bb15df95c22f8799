package de.patientenversand.ui;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.launcher.AppComposition;
import de.patientenversand.ui.common.I18n;
import de.patientenversand.vault.KdfParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real app on a real vault with its real {@code serve} child: first run, a link, an upload
 * posted to the app's own server, preview, export, copy and revoke.
 */
@DisplayName("The app with its own server (integration)")
class AppRoundTripTest {
    private static final String PASSWORD = "Ein langer Satz zum Testen";
    private final I18n de = I18n.forLanguage("de");
    @TempDir
    Path dataDir;
    @TempDir
    Path exports;
    private AppComposition composition;
    private FxTestApp fx;

    @AfterEach
    void close() throws Exception {
        if (fx != null) {
            fx.close();
        }
        if (composition != null) {
            composition.close();
        }
    }

    @Test
    @DisplayName("after the first run a link is made, an upload to it appears live, previews, exports the same bytes, and revoking makes the link answer 410")
    void uploadAppearsLive() throws Exception {
        composition = AppComposition.create(dataDir, new KdfParams(1024, 1, 1));
        ScriptedDialogs dialogs = new ScriptedDialogs();
        fx = new FxTestApp(composition.services(), dialogs);
        var robot = fx.robot;

        robot.clickOn("#welcomeStart");
        robot.clickOn("#password1").write(PASSWORD);
        robot.clickOn("#password2").write(PASSWORD);
        robot.clickOn("#passwordNext");
        fx.await(() -> robot.lookup("#recoveryCode").tryQuery().isPresent());
        assertThat(fx.node("recoveryCode", TextField.class).getText()).isNotBlank();
        assertThat(dataDir.resolve("identity.key")).exists();
        robot.clickOn("#recoveryKept");
        robot.clickOn("#recoveryNext");
        robot.clickOn("#patientName").write("Erika Mustermann");
        robot.clickOn("#nameNext");
        robot.clickOn("#mode-off");
        robot.clickOn("#connectionFinish");
        fx.await(() -> robot.lookup("#newLinkLabel").tryQuery().isPresent());

        robot.clickOn("#newLinkLabel").write("Praxis Dr. Muster");
        robot.clickOn("#newLinkCreate");
        AtomicReference<TextField> urlField = new AtomicReference<>();
        fx.await(() -> {
            var field = robot.lookup(n -> n.getId() != null && n.getId().startsWith("linkUrl-")).tryQueryAs(TextField.class);
            field.ifPresent(urlField::set);
            return field.isPresent() && !field.get().getText().contains(":0/");
        });
        String url = urlField.get().getText();
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/u/[A-Za-z0-9_-]{43}");
        fx.await(() -> fx.text("serverStatus").equals(de.text("status.localOnly")));

        robot.clickOn(de.text("share.copy"));
        AtomicReference<String> clip = new AtomicReference<>();
        robot.interact(() -> clip.set(Clipboard.getSystemClipboard().getString()));
        assertThat(clip.get()).isEqualTo(url);

        byte[] pdf = TestDocuments.scannedPdf(2);
        assertThat(post(url, "Befund.pdf", pdf)).isEqualTo(201);

        robot.clickOn(de.text("tab.inbox"));
        fx.await(() -> robot.lookup("#submissionList").queryAs(ListView.class).getItems().size() == 1);
        fx.await(() -> fx.text("newNotice").equals("1 neues Dokument"));
        robot.interact(() -> robot.lookup("#submissionList").queryAs(ListView.class).getSelectionModel().select(0));
        fx.await(() -> robot.lookup("#previewImage").queryAs(ImageView.class).getImage() != null);
        assertThat(fx.text("previewPage")).startsWith("Seite 1 von 2");
        assertThat(robot.lookup("#documentTable").queryAs(TableView.class).getItems()).hasSize(1);

        Path target = exports.resolve("Befund.pdf");
        dialogs.answers.add(target);
        robot.clickOn("#exportButton");
        fx.await(() -> Files.exists(target) && fx.text("inboxMessage").equals(de.text("inbox.exported")));
        assertThat(Files.readAllBytes(target)).isEqualTo(pdf);

        robot.clickOn(de.text("tab.share"));
        robot.clickOn(de.text("share.revoke"));
        robot.clickOn(de.text("share.revoke.confirm"));
        fx.await(() -> robot.lookup(de.text("share.none")).tryQuery().isPresent());
        HttpResponse<String> revoked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).isEqualTo(410);
    }

    static int post(String url, String name, byte[] content) throws Exception {
        String head = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n";
        byte[] start = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] end = "\r\n--XyZ--\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[start.length + content.length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(content, 0, body, start.length, content.length);
        System.arraycopy(end, 0, body, start.length + content.length, end.length);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/upload"))
                .header("Content-Type", "multipart/form-data; boundary=XyZ")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
