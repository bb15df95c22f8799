package de.patientenversand.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.common.UserException;
import de.patientenversand.vault.KdfParams;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The app's composition root")
class AppCompositionTest {
    @TempDir
    Path dataDir;

    @Test
    @DisplayName("a second app on the same data folder gets a clear message instead of a window; after the first closes it may start")
    void oneAppPerVault() {
        KdfParams cheap = new KdfParams(1024, 1, 1);
        try (AppComposition first = AppComposition.create(dataDir, cheap)) {
            assertThat(first.services().startupProblem()).isNull();
            try (AppComposition second = AppComposition.create(dataDir, cheap)) {
                assertThat(second.services().startupProblem())
                        .isEqualTo(UserException.format(Locale.GERMAN, "vault.appRunning", dataDir.toString()))
                        .doesNotContain("vault.appRunning");
            }
        }
        try (AppComposition again = AppComposition.create(dataDir, cheap)) {
            assertThat(again.services().startupProblem()).isNull();
        }
    }

    @Test
    @DisplayName("the app is built with the Argon2 parameters it is given (cheap in tests) and has no vault until setup")
    void noVaultBeforeSetup() throws Exception {
        try (AppComposition app = AppComposition.create(dataDir, new KdfParams(1024, 1, 1))) {
            assertThat(app.services().vault().exists()).isFalse();
            String code = app.services().vault().create("ein langer Satz zum Test".toCharArray());
            assertThat(code).isNotBlank();
            assertThat(app.services().vault().exists()).isTrue();
            try (var unlocked = app.services().vault().unlock("ein langer Satz zum Test".toCharArray()).inbox()) {
                assertThat(unlocked.documents()).isEmpty();
            }
        }
    }
}
