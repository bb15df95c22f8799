package de.patientenversand.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional packaging step that bundles cloudflared must never put an unchecked binary into
 * an installer: it runs the real script ({@code installer/fetch-cloudflared.sh}) with a pin file
 * of its own and a local "download".
 */
@DisplayName("installer/fetch-cloudflared.sh")
class FetchCloudflaredScriptTest {
    private static final Path SCRIPT = Path.of("installer", "fetch-cloudflared.sh");
    private static final String ASSET = "cloudflared-linux-amd64";

    @TempDir
    Path dir;
    Path out;
    Path binary;

    @BeforeEach
    void setUp() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        out = dir.resolve("input");
        binary = dir.resolve(ASSET);
        Files.writeString(binary, "#!/bin/sh\necho fake cloudflared\n");
    }

    @Test
    @DisplayName("a file whose SHA-256 matches the pin is put into the image folder, executable")
    void bundlesMatchingFile() throws Exception {
        Path pins = pins(sha256(binary));
        Result r = run("--platform", "linux-amd64", "--out", out.toString(), "--file", binary.toString(), "--pins", pins.toString());
        assertThat(r.code).as(r.output).isZero();
        assertThat(out.resolve("cloudflared")).exists().isExecutable().hasSameBinaryContentAs(binary);
    }

    @Test
    @DisplayName("a file whose SHA-256 differs from the pin is refused with exit 3 and nothing is written")
    void refusesMismatch() throws Exception {
        Path pins = pins("0".repeat(64));
        Result r = run("--platform", "linux-amd64", "--out", out.toString(), "--file", binary.toString(), "--pins", pins.toString());
        assertThat(r.code).as(r.output).isEqualTo(3);
        assertThat(r.output).contains("refused");
        assertThat(out).doesNotExist();
    }

    @Test
    @DisplayName("without a pinned SHA-256 for the platform the script refuses rather than bundle")
    void refusesWithoutPin() throws Exception {
        Path pins = dir.resolve("pins");
        Files.writeString(pins, "version 2025.11.1\n# <sha256>  " + ASSET + "\n");
        Result r = run("--platform", "linux-amd64", "--out", out.toString(), "--file", binary.toString(), "--pins", pins.toString());
        assertThat(r.code).as(r.output).isEqualTo(3);
        assertThat(out).doesNotExist();
    }

    @Test
    @DisplayName("with no download possible the build goes on without cloudflared (exit 0, nothing written)")
    void goesOnWithoutInternet() throws Exception {
        Assumptions.assumeTrue(onPath("curl"), "needs curl");
        Path pins = pins(sha256(binary));
        Result r = runWithEnv("https://127.0.0.1:9", "--platform", "linux-amd64", "--out", out.toString(), "--pins", pins.toString());
        assertThat(r.code).as(r.output).isZero();
        assertThat(r.output).contains("not bundled");
        assertThat(out).doesNotExist();
    }

    @Test
    @DisplayName("when bundling is not enabled the script does nothing and succeeds")
    void disabledDoesNothing() throws Exception {
        Result r = run("--platform", "linux-amd64", "--out", out.toString(), "--enabled", "false");
        assertThat(r.code).as(r.output).isZero();
        assertThat(out).doesNotExist();
    }

    private Path pins(String sha) throws IOException {
        Path pins = dir.resolve("pins");
        Files.writeString(pins, "version 2025.11.1\n" + sha + "  " + ASSET + "\n");
        return pins;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int code, String output) {
    }

    private Result run(String... args) throws Exception {
        return runWithEnv(null, args);
    }

    private Result runWithEnv(String releasesUrl, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (releasesUrl != null) {
            pb.environment().put("CLOUDFLARED_RELEASES_URL", releasesUrl);
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("script finished").isTrue();
        return new Result(p.exitValue(), output);
    }
}
