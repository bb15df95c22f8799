package de.patientenversand.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Tests that need a separate JVM: a hard kill, a small heap, a watched temp folder. */
@DisplayName("The vault in a separate JVM")
class ForkedVaultTest {
    @TempDir
    Path dir;

    @TempDir
    Path javaTmp;

    private static List<String> lines(Process p) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    @Timeout(120)
    @DisplayName("kill -9 in the middle of store: recovery cleans up, verify passes, no half document is listed")
    void killDuringStore() throws Exception {
        TestVaults.create(dir);
        try (WriteSide w = WriteSide.open(dir)) {
            String s = w.documents().openSubmission("link-1");
            w.documents().store(new StoreProcess.Generated(100_000, "MARKER".getBytes(StandardCharsets.US_ASCII), 0,
                    false), TestVaults.incoming(s, "ganz.pdf"));
        }

        Process p = ForkedJvm.start(javaTmp, "256m", dir.toString(), "4000000", "1", "MARKER", "slow");
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null && !line.equals("HALF"); ) {
            // wait for the middle of the document
        }
        try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
            assertThat(tmp.toList()).as("a partial upload is on disk when we kill").hasSize(1);
        }
        p.destroyForcibly(); // SIGKILL on Linux
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (WriteSide w = WriteSide.open(dir)) {
            assertThat(w.recovery().partialsRemoved()).isEqualTo(1);
        }
        try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
            assertThat(tmp.toList()).isEmpty();
        }
        try (UnlockedVault v = new Unlocker(new SecureRandom()).withPassphrase(dir,
                TestVaults.PASSPHRASE.toCharArray())) {
            v.adoptNew();
            assertThat(v.documents()).hasSize(1).allSatisfy(d -> {
                assertThat(d.size()).isEqualTo(100_000);
                assertThat(d.state()).isEqualTo("ok");
            });
            VerifyReport report = v.verify();
            assertThat(report.allGood()).isTrue();
            assertThat(report.total()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(120)
    @DisplayName("storing a 50 MB document works with a 64 MB heap (the file is never held in memory)")
    void flatHeap() throws Exception {
        TestVaults.create(dir);
        Process p = ForkedJvm.start(javaTmp, "64m", dir.toString(), String.valueOf(50L * 1024 * 1024), "1",
                "MARKER", "verify");
        List<String> out = lines(p);
        assertThat(p.waitFor()).as(String.join("\n", out)).isZero();
        assertThat(out).contains("VERIFIED 1 0", "OK");
    }

    @Test
    @Timeout(120)
    @DisplayName("while a vault fills up, no file in java.io.tmpdir or the vault ever contains plaintext")
    void noPlaintextOnDisk() throws Exception {
        TestVaults.create(dir);
        byte[] seed = new byte[12];
        new SecureRandom().nextBytes(seed);
        String marker = "PLAINTEXT-" + HexFormat.of().formatHex(seed);
        byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        Process p = ForkedJvm.start(javaTmp, "256m", dir.toString(), String.valueOf(1024 * 1024), "5", marker,
                "verify");
        Thread drain = Thread.ofVirtual().start(() -> {
            try {
                lines(p);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        int scans = 0;
        int filesSeen = 0;
        while (p.isAlive()) {
            filesSeen += scan(needle);
            scans++;
            Thread.sleep(100);
        }
        drain.join();
        assertThat(p.exitValue()).isZero();
        filesSeen += scan(needle);
        assertThat(scans).as("scanned while the process ran").isGreaterThan(1);
        assertThat(filesSeen).as("files were written and scanned").isGreaterThan(5);
        try (UnlockedVault v = new Unlocker(new SecureRandom()).withPassphrase(dir,
                TestVaults.PASSPHRASE.toCharArray())) {
            assertThat(v.documents()).hasSize(5);
            try (var in = v.open(v.documents().getFirst().id())) {
                byte[] head = in.readNBytes(needle.length);
                assertThat(head).as("the marker really is in the plaintext").isEqualTo(needle);
            }
        }
    }

    /** Scans every file below both folders; fails if one contains the marker. Returns files scanned. */
    private int scan(byte[] needle) throws IOException {
        int n = 0;
        for (Path root : List.of(javaTmp, dir)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(Files::isRegularFile).toList();
            } catch (IOException | java.io.UncheckedIOException e) {
                continue; // a file vanished during the walk; the next scan sees the rest
            }
            for (Path f : files) {
                byte[] content;
                try {
                    content = Files.readAllBytes(f);
                } catch (IOException e) {
                    continue;
                }
                n++;
                assertThat(indexOf(content, needle)).as("plaintext marker in " + f).isEqualTo(-1);
            }
        }
        return n;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(new String(needle, StandardCharsets.ISO_8859_1));
    }
}
