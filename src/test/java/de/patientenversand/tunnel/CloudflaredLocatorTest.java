package de.patientenversand.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudflaredLocatorTest {
    @TempDir
    Path root;

    Path exe(String dir) throws Exception {
        Path p = root.resolve(dir).resolve("cloudflared");
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    @DisplayName("order: configured path, data dir bin/, the app's folder, then PATH")
    void order() throws Exception {
        Path configured = exe("conf");
        Path data = root.resolve("data");
        Path inBin = exe("data/bin");
        Path app = exe("app");
        Path onPath = exe("path2");
        String path = root.resolve("path1") + ":" + onPath.getParent();
        assertThat(new CloudflaredLocator(configured, data, app.getParent(), path, "Linux").find()).contains(configured);
        assertThat(new CloudflaredLocator(null, data, app.getParent(), path, "Linux").find()).contains(inBin);
        Files.delete(inBin);
        assertThat(new CloudflaredLocator(null, data, app.getParent(), path, "Linux").find()).contains(app);
        assertThat(new CloudflaredLocator(null, data, null, path, "Linux").find()).contains(onPath);
    }

    @Test
    @DisplayName("a configured path that does not exist, or a file that is not executable, is skipped")
    void unusableSkipped() throws Exception {
        Path onPath = exe("p");
        Path notExecutable = root.resolve("ne/cloudflared");
        Files.createDirectories(notExecutable.getParent());
        Files.writeString(notExecutable, "x");
        String path = notExecutable.getParent() + ":" + onPath.getParent();
        assertThat(new CloudflaredLocator(root.resolve("nope"), null, null, path, "Linux").find()).contains(onPath);
    }

    @Test
    @DisplayName("nothing found when cloudflared is nowhere")
    void missing() {
        assertThat(new CloudflaredLocator(null, root, null, root.toString(), "Linux").find()).isEmpty();
    }

    @Test
    @DisplayName("Windows looks for cloudflared.exe and gets its own help text")
    void windows() {
        assertThat(new CloudflaredLocator(null, root, null, "", "Windows 11").candidates())
                .allMatch(p -> p.getFileName().toString().equals("cloudflared.exe"));
        assertThat(CloudflaredLocator.helpKey("Windows 11")).isEqualTo("tunnel.missing.help.windows");
        assertThat(CloudflaredLocator.helpKey("Mac OS X")).isEqualTo("tunnel.missing.help.mac");
        assertThat(CloudflaredLocator.helpKey("Linux")).isEqualTo("tunnel.missing.help.linux");
    }
}
