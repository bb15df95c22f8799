package de.patientenversand.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.common.SingleInstance;
import de.patientenversand.common.UserException;
import de.patientenversand.vault.KdfParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The app's composition root")
class AppCompositionTest {
    @TempDir
    Path dataDir;

    @Test
    @DisplayName("a second start on the same data folder brings the running app's window to the front and opens nothing itself")
    void secondStartBringsFirstToFront() throws Exception {
        KdfParams cheap = new KdfParams(1024, 1, 1);
        CountDownLatch shown = new CountDownLatch(1);
        try (AppComposition first = AppComposition.create(dataDir, cheap)) {
            assertThat(first.services().startupProblem()).isNull();
            first.services().desktop().onSecondStart(shown::countDown);
            try (AppComposition second = AppComposition.create(dataDir, cheap)) {
                assertThat(second.handedToRunningApp()).isTrue();
                assertThat(second.services()).as("no second window, no second serve").isNull();
            }
            assertThat(shown.await(5, TimeUnit.SECONDS)).as("the first app was asked to show its window").isTrue();
            assertThat(dataDir.resolve(SingleInstance.SOCKET_FILE))
                    .as("the second start leaves the first one's socket alone").exists();
        }
        assertThat(dataDir.resolve(SingleInstance.SOCKET_FILE)).doesNotExist();
        try (AppComposition again = AppComposition.create(dataDir, cheap)) {
            assertThat(again.handedToRunningApp()).isFalse();
            assertThat(again.services().startupProblem()).isNull();
        }
    }

    @Test
    @DisplayName("a second app that cannot reach the running one gets a clear message instead of a half-working window")
    void secondAppWithoutAnswerGetsMessage() throws Exception {
        KdfParams cheap = new KdfParams(1024, 1, 1);
        try (AppComposition first = AppComposition.create(dataDir, cheap)) {
            Files.delete(dataDir.resolve(SingleInstance.SOCKET_FILE));
            try (AppComposition second = AppComposition.create(dataDir, cheap)) {
                assertThat(second.handedToRunningApp()).isFalse();
                assertThat(second.services().startupProblem())
                        .isEqualTo(UserException.format(Locale.GERMAN, "vault.appRunning", dataDir.toString()))
                        .doesNotContain("vault.appRunning");
            }
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
