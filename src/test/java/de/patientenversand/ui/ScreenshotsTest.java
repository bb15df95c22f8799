package de.patientenversand.ui;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.ui.common.ServerEvent;
import de.patientenversand.vault.DocumentInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the screenshots in {@code docs/screenshots/} (JavaFX snapshots of the real window).
 * Writes into {@code target/screenshots} unless {@code -Dpv.screenshots=docs/screenshots} is given.
 */
@DisplayName("Screenshots for the docs")
class ScreenshotsTest {
    @TempDir
    Path dataDir;

    @Test
    @DisplayName("setup, inbox with a PDF preview, the share panel and the activity view are captured as PNGs")
    void capture() throws Exception {
        // -Dpv.screenshots=docs/screenshots refreshes the docs; by default they go to target/
        String target = System.getProperty("pv.screenshots", "target/screenshots");
        Path out = Files.createDirectories(Path.of(target).toAbsolutePath());

        MemoryVault vault = new MemoryVault();
        TestServices.MemoryLinks links = new TestServices.MemoryLinks();
        TestServices.EventServer server = new TestServices.EventServer();
        try (FxTestApp fx = new FxTestApp(TestServices.with(dataDir, vault, links, server), new ScriptedDialogs())) {
            var robot = fx.robot;
            robot.interact(() -> fx.app.window().context().stage().setWidth(1180));
            shoot(fx, out.resolve("setup-welcome.png"));
            robot.clickOn("#welcomeStart");
            robot.clickOn("#password1").write("Mein Hund Bello frisst gern Aepfel");
            shoot(fx, out.resolve("setup-password.png"));
            robot.clickOn("#password2").write("Mein Hund Bello frisst gern Aepfel");
            robot.clickOn("#passwordNext");
            fx.await(() -> robot.lookup("#recoveryCode").tryQuery().isPresent());
            shoot(fx, out.resolve("setup-recovery-code.png"));
            robot.clickOn("#recoveryKept");
            robot.clickOn("#recoveryNext");
            robot.clickOn("#patientName").write("Erika Mustermann");
            robot.clickOn("#nameNext");
            shoot(fx, out.resolve("setup-connection.png"));
            robot.clickOn("#connectionFinish");
            fx.await(() -> robot.lookup("#newLinkLabel").tryQuery().isPresent());

            server.listener.accept(new ServerEvent(ServerEvent.LISTENING, Map.of("url", "http://127.0.0.1:48080")));
            server.listener.accept(new ServerEvent("tunnel_status_changed",
                    Map.of("state", "online", "publicUrl", "https://sonne-wiese-garten.trycloudflare.com")));
            links.links.add(new de.patientenversand.ui.common.LinkAccess.ShareLink("l1", "Praxis Dr. Muster",
                    "https://sonne-wiese-garten.trycloudflare.com/u/q3Jx8sKd0fV2mN7pLwR4tY6uZ1aB5cE9gH0iJ2kL3mN",
                    Instant.now().plus(Duration.ofDays(30)), "K7M2QX", false));
            robot.clickOn("#newLinkLabel").write("Labor Nord");
            robot.clickOn("#newLinkCreate");
            fx.await(() -> robot.lookup(n -> n.getId() != null && n.getId().startsWith("linkUrl-")).queryAll().size() == 2);
            shoot(fx, out.resolve("share-panel.png"));

            Instant t = Instant.parse("2026-12-03T13:05:00Z");
            byte[] letter = TestDocuments.letterPdf();
            vault.inbox.add(new DocumentInfo("d1", "s1", "Befund_Blutbild.pdf", letter.length, "00", "application/pdf", t,
                    "Praxis Dr. Muster", "Ihre Laborwerte", "Praxis Dr. Muster", true, "ok", false), letter);
            byte[] scan = TestDocuments.scannedPdf(2);
            vault.inbox.add(new DocumentInfo("d2", "s1", "Arztbrief.pdf", scan.length, "00", "application/pdf", t,
                    "Praxis Dr. Muster", "Ihre Laborwerte", "Praxis Dr. Muster", true, "ok", false), scan);
            byte[] png = TestDocuments.png(640, 480);
            vault.inbox.add(new DocumentInfo("d3", "s2", "Roentgen_Knie.png", 2_516_582, "00", "image/png",
                    t.minus(Duration.ofDays(2)), "Radiologie am Markt", "", "Radiologie", true, "ok", true), png);
            vault.inbox.pending.add(vault.inbox.docs.get("d1"));
            vault.inbox.pending.add(vault.inbox.docs.get("d2"));
            server.listener.accept(new ServerEvent("upload_received", Map.of("documents", 2)));
            robot.clickOn(fx.app.window().context().text("tab.inbox"));
            fx.await(() -> robot.lookup("#submissionList").queryAs(ListView.class).getItems().size() == 2);
            robot.interact(() -> robot.lookup("#submissionList").queryAs(ListView.class).getSelectionModel().select(0));
            robot.interact(() -> robot.lookup("#documentTable").queryAs(TableView.class).getSelectionModel().select(0));
            fx.await(() -> robot.lookup("#previewImage").queryAs(ImageView.class).getImage() != null);
            shoot(fx, out.resolve("inbox-pdf-preview.png"));

            vault.activity.add(new de.patientenversand.vault.ActivityEntry(1, t.minus(Duration.ofDays(2)),
                    "link_created", Map.of("link", "l1"), false));
            vault.activity.add(new de.patientenversand.vault.ActivityEntry(2, t.minus(Duration.ofHours(3)),
                    "unlock_failed", Map.of("mode", "password"), true));
            vault.activity.add(new de.patientenversand.vault.ActivityEntry(3, t.minus(Duration.ofHours(2)),
                    "link_attempt_failed", Map.of("count", 12, "addressHash", "9f2c"), true));
            vault.activity.add(new de.patientenversand.vault.ActivityEntry(4, t.minus(Duration.ofHours(1)),
                    "unlock_succeeded", Map.of("mode", "password"), false));
            vault.activity.add(new de.patientenversand.vault.ActivityEntry(5, t,
                    "upload_received", Map.of("size", 2_516_582), false));
            robot.clickOn("#tabActivity");
            fx.await(() -> robot.lookup("#activityList").queryAs(ListView.class).getItems().size() == 5);
            shoot(fx, out.resolve("activity.png"));
        }
        assertThat(Files.size(out.resolve("activity.png"))).isGreaterThan(10_000);
        assertThat(Files.size(out.resolve("inbox-pdf-preview.png"))).isGreaterThan(10_000);
        assertThat(Files.size(out.resolve("share-panel.png"))).isGreaterThan(10_000);
    }

    private static void shoot(FxTestApp fx, Path file) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        fx.robot.interact(() -> image.set(fx.app.window().context().stage().getScene().snapshot(null)));
        ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", file.toFile());
    }
}
