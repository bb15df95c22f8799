package de.patientenversand.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The icons the desktop app sets on its window and tray icon, and the installers' icon files. */
@DisplayName("app icons")
class AppIconResourcesTest {

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {16, 32, 64, 256})
    @DisplayName("the app's window/tray icon is on the class path as a square PNG of its size, not blank")
    void windowIcons(int size) throws IOException {
        try (InputStream in = AppIconResourcesTest.class.getResourceAsStream("/icons/app-" + size + ".png")) {
            assertThat(in).as("/icons/app-%d.png", size).isNotNull();
            BufferedImage img = ImageIO.read(in);
            assertThat(img.getWidth()).isEqualTo(size);
            assertThat(img.getHeight()).isEqualTo(size);
            // the mark is drawn on a coloured tile: the centre is opaque and not all one colour
            assertThat(img.getRGB(size / 2, size / 2) >>> 24).isEqualTo(0xFF);
            assertThat(distinctColours(img)).isGreaterThan(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"patientenversand.png", "patientenversand.ico", "patientenversand.icns"})
    @DisplayName("each installer's icon file exists with its format's signature")
    void installerIcons(String name) throws IOException {
        byte[] head = Files.readAllBytes(Path.of("icons", name));
        assertThat(head.length).isGreaterThan(1000);
        switch (name.substring(name.lastIndexOf('.') + 1)) {
            case "png" -> assertThat(new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
            case "ico" -> assertThat(new byte[] {head[0], head[1], head[2], head[3]}).containsExactly(0, 0, 1, 0);
            case "icns" -> assertThat(new String(head, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("icns");
            default -> throw new AssertionError(name);
        }
    }

    private static long distinctColours(BufferedImage img) {
        return java.util.stream.IntStream.range(0, img.getWidth() * img.getHeight())
                .map(i -> img.getRGB(i % img.getWidth(), i / img.getWidth()))
                .distinct().count();
    }
}
