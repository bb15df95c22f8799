package de.patientenversand.ui;

import java.io.InputStream;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The app's icon in every size the window systems pick from (title bar, task bar, Alt+Tab). */
final class AppIcons {
    private static final int[] SIZES = {16, 32, 64, 256};

    private AppIcons() {
    }

    static void apply(Stage stage) {
        for (int size : SIZES) {
            try (InputStream in = AppIcons.class.getResourceAsStream("/icons/app-" + size + ".png")) {
                if (in != null) {
                    stage.getIcons().add(new Image(in));
                }
            } catch (java.io.IOException e) {
                // a missing icon leaves the system's default; nothing the patient must act on
            }
        }
    }
}
