package de.patientenversand.ui;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.launcher.AppComposition;
import de.patientenversand.vault.IncomingDocument;
import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.VaultCreator;
import de.patientenversand.vault.WriteSide;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Previews decode in memory only: while the app shows a scanned PDF (a JPEG inside) and a PNG,
 * no file in {@code java.io.tmpdir} or the data dir gets any of their bytes, and neither ImageIO
 * nor PDFBox leaves a scratch file.
 */
@DisplayName("Previews write no plaintext to disk")
class NoPlaintextOnDiskTest {
    private static final String PASSWORD = "Ein langer Satz zum Testen";
    @TempDir
    Path dataDir;
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
    @DisplayName("previewing a scanned PDF and an image leaves no plaintext byte in java.io.tmpdir or the data dir")
    void previewsStayInMemory() throws Exception {
        byte[] jpeg = TestDocuments.jpeg(600, 800, java.awt.Color.MAGENTA);
        byte[] pdf = TestDocuments.scannedPdf(2);
        byte[] png = TestDocuments.png(320, 240);
        List<byte[]> markers = List.of(slice(pdf, pdf.length / 2), slice(png, png.length / 2),
                slice(pdf, 0), slice(png, 8), slice(jpeg, 0));
        new VaultCreator(new SecureRandom()).create(dataDir, PASSWORD.toCharArray(), new KdfParams(1024, 1, 1));
        try (WriteSide write = WriteSide.open(dataDir)) {
            String submission = write.documents().openSubmission(null);
            write.documents().store(new ByteArrayInputStream(pdf),
                    new IncomingDocument(submission, null, null, "Scan.pdf", "application/pdf", "Praxis", ""));
            write.documents().store(new ByteArrayInputStream(png),
                    new IncomingDocument(submission, null, null, "Bild.png", "image/png", "Praxis", ""));
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long start = System.currentTimeMillis() - 2000;

        composition = AppComposition.create(dataDir, new KdfParams(1024, 1, 1));
        fx = new FxTestApp(composition.services(), new ScriptedDialogs());
        var robot = fx.robot;
        robot.clickOn("#unlockPassword").write(PASSWORD);
        robot.clickOn("#unlockButton");
        fx.await(() -> robot.lookup("#submissionList").queryAs(ListView.class).getItems().size() == 1);
        robot.interact(() -> robot.lookup("#submissionList").queryAs(ListView.class).getSelectionModel().select(0));
        @SuppressWarnings("unchecked")
        TableView<de.patientenversand.vault.DocumentInfo> table = robot.lookup("#documentTable").queryAs(TableView.class);
        int pdfRow = table.getItems().get(0).name().equals("Scan.pdf") ? 0 : 1;
        robot.interact(() -> table.getSelectionModel().select(pdfRow));
        fx.await(() -> fx.text("previewPage").startsWith("Seite 1 von 2")
                && robot.lookup("#previewImage").queryAs(ImageView.class).getImage() != null);
        robot.clickOn("#preview-nextPage");
        fx.await(() -> fx.text("previewPage").startsWith("Seite 2 von 2"));
        robot.interact(() -> table.getSelectionModel().select(1 - pdfRow));
        fx.await(() -> {
            var img = robot.lookup("#previewImage").queryAs(ImageView.class).getImage();
            return img != null && img.getWidth() == 320;
        });

        List<Path> written = new ArrayList<>(changedFiles(tmp, start));
        written.addAll(changedFiles(dataDir, 0));
        assertThat(written).as("ImageIO or PDFBox scratch files").noneMatch(p -> {
            String n = p.getFileName().toString();
            return n.startsWith("imageio") || n.startsWith("+~JF") || n.toLowerCase().contains("pdfbox");
        });
        for (Path file : written) {
            byte[] content = read(file);
            for (byte[] marker : markers) {
                assertThat(indexOf(content, marker)).as("plaintext found in %s", file).isEqualTo(-1);
            }
        }
        assertThat(changedFiles(dataDir, 0)).as("the data dir was searched").isNotEmpty();
    }

    private static byte[] slice(byte[] data, int from) {
        return Arrays.copyOfRange(data, from, Math.min(data.length, from + 48));
    }

    /** Regular files under {@code root} (a few levels deep) changed since {@code since}. */
    private static List<Path> changedFiles(Path root, long since) throws IOException {
        try (Stream<Path> files = Files.find(root, 4, (p, a) -> a.isRegularFile() && changed(a, since) && a.size() < 200_000_000L)) {
            return files.toList();
        } catch (java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    private static boolean changed(BasicFileAttributes a, long since) {
        return a.lastModifiedTime().toMillis() >= since || a.creationTime().toMillis() >= since;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
