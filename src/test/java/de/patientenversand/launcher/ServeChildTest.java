package de.patientenversand.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.ui.common.ServerEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The serve child process")
class ServeChildTest {
    @TempDir
    Path dir;

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited too long").isLessThan(end);
            Thread.sleep(50);
        }
    }

    @Test
    @DisplayName("serve starts with a class-data archive in the user's own cache folder (created 0700), or without one if that folder cannot be made")
    void classDataArchive() throws Exception {
        Path cache = dir.resolve("cache").resolve("patientenversand");
        assertThat(ServeChild.classDataSharing(cache))
                .containsExactly("-XX:SharedArchiveFile=" + cache.resolve("serve.jsa"), "-XX:+AutoCreateSharedArchive");
        assertThat(java.nio.file.Files.isDirectory(cache)).isTrue();
        if (de.patientenversand.common.OwnerOnlyFiles.posix()) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(cache)))
                    .isEqualTo("rwx------");
        }
        java.nio.file.Path file = dir.resolve("a-file");
        java.nio.file.Files.writeString(file, "x");
        assertThat(ServeChild.classDataSharing(file.resolve("sub"))).isEmpty();
    }

    @Test
    @DisplayName("its stdout lines become events: Listening, Public URL and JSON lines; other lines are ignored")
    void parsesLines() {
        ServeChild child = new ServeChild(List::of);
        assertThat(child.parse("Listening on http://127.0.0.1:4711").fields()).containsEntry("url", "http://127.0.0.1:4711");
        assertThat(child.parse("Public URL: https://abc.trycloudflare.com").type()).isEqualTo(ServerEvent.PUBLIC_URL);
        ServerEvent upload = child.parse("{\"v\":1,\"type\":\"upload_received\",\"submission\":\"s1\",\"size\":12}");
        assertThat(upload.type()).isEqualTo("upload_received");
        assertThat(upload.number("size", 0)).isEqualTo(12);
        assertThat(child.parse("{not json")).isNull();
        assertThat(child.parse("some other line")).isNull();
    }

    @Test
    @DisplayName("a child that fails to start or crashes is reported and restarted with a growing delay")
    void restartsAfterCrash() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        Path starts = dir.resolve("starts");
        ServeChild child = new ServeChild(() -> List.of("/bin/sh", "-c",
                "echo x >> '" + starts + "'; echo 'Listening on http://127.0.0.1:1'; exit 3"));
        List<ServerEvent> events = new CopyOnWriteArrayList<>();
        child.start(events::add);
        try {
            awaitUntil(() -> events.stream().filter(e -> e.type().equals(ServerEvent.CRASHED)).count() >= 2);
        } finally {
            child.stop();
        }
        List<ServerEvent> crashes = events.stream().filter(e -> e.type().equals(ServerEvent.CRASHED)).toList();
        assertThat(crashes.get(0).number("restartInSeconds", 0)).isEqualTo(1);
        assertThat(crashes.get(1).number("restartInSeconds", 0)).isEqualTo(2);
        assertThat(crashes.get(0).number("exitCode", 0)).isEqualTo(3);
        assertThat(events).anyMatch(e -> e.type().equals(ServerEvent.LISTENING));
        assertThat(Files.readAllLines(starts)).hasSizeGreaterThanOrEqualTo(2);

        ServeChild missing = new ServeChild(() -> List.of(dir.resolve("no-such-program").toString()));
        List<ServerEvent> missingEvents = new CopyOnWriteArrayList<>();
        missing.start(missingEvents::add);
        try {
            awaitUntil(() -> missingEvents.stream().anyMatch(e -> e.type().equals(ServerEvent.CRASHED)));
        } finally {
            missing.stop();
        }
    }

    @Test
    @DisplayName("the child gets no PATIENTENVERSAND_ variables, its stdin is the app's pipe, and stop ends it")
    void cleanEnvironmentAndStop() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        Path envFile = dir.resolve("env");
        // cat blocks on stdin until the app closes the pipe, like serve --exit-with-stdin
        ServeChild child = new ServeChild(() -> List.of("/bin/sh", "-c",
                "env > '" + envFile + "'; echo 'Listening on http://127.0.0.1:2'; cat > /dev/null; echo done >> '" + envFile + "'"));
        List<ServerEvent> events = new CopyOnWriteArrayList<>();
        child.start(events::add);
        awaitUntil(() -> events.stream().anyMatch(e -> e.type().equals(ServerEvent.LISTENING)));
        child.stop();
        assertThat(Files.readString(envFile)).doesNotContain("PATIENTENVERSAND_");
        Thread.sleep(300);
        assertThat(events).noneMatch(e -> e.type().equals(ServerEvent.CRASHED));
    }
}
