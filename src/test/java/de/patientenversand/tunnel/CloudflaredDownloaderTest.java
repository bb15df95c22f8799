package de.patientenversand.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import de.patientenversand.common.UserException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a local HTTP server standing in for GitHub releases. */
class CloudflaredDownloaderTest {
    static final byte[] BINARY = "#!/bin/sh\necho cloudflared version 2024.12.2\n".getBytes(StandardCharsets.UTF_8);
    @TempDir
    Path dataDir;
    HttpServer server;
    final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/releases/9.9.9/cloudflared-linux-amd64", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(200, BINARY.length);
            ex.getResponseBody().write(BINARY);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/releases/";
    }

    static PinnedReleases pins(String sha) {
        Properties p = new Properties();
        p.setProperty("version", "9.9.9");
        p.setProperty("linux-amd64.file", "cloudflared-linux-amd64");
        p.setProperty("linux-amd64.sha256", sha);
        p.setProperty("linux-arm64.file", "cloudflared-linux-arm64");
        p.setProperty("linux-arm64.sha256", "");
        return new PinnedReleases(p);
    }

    static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    @DisplayName("a download with the pinned checksum lands executable in the data dir's bin/ and is found there")
    void goodChecksum() throws Exception {
        Path installed = new CloudflaredDownloader(base(), pins(sha(BINARY))).download(dataDir, "linux-amd64", "Linux");
        assertThat(installed).isEqualTo(dataDir.resolve("bin/cloudflared"));
        assertThat(Files.readAllBytes(installed)).isEqualTo(BINARY);
        assertThat(Files.isExecutable(installed)).isTrue();
        assertThat(new CloudflaredLocator(null, dataDir, null, "", "Linux").find()).contains(installed);
        try (var files = Files.list(dataDir.resolve("bin"))) {
            assertThat(files).containsExactly(installed);
        }
    }

    @Test
    @DisplayName("a checksum mismatch is refused and leaves nothing behind")
    void badChecksum() throws Exception {
        String wrong = sha("something else".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new CloudflaredDownloader(base(), pins(wrong)).download(dataDir, "linux-amd64", "Linux"))
                .isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isEqualTo("tunnel.download.checksumMismatch");
        assertThat(hits.get()).isEqualTo(1);
        try (var files = Files.list(dataDir.resolve("bin"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    @DisplayName("a platform without a pinned checksum is refused before anything is fetched")
    void notPinned() {
        assertThatThrownBy(() -> new CloudflaredDownloader(base(), pins("")).download(dataDir, "linux-arm64", "Linux"))
                .isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isEqualTo("tunnel.download.notPinned");
        assertThat(hits.get()).isZero();
        assertThat(dataDir.resolve("bin")).doesNotExist();
    }

    @Test
    @DisplayName("a missing file on the server is a plain download failure, nothing left behind")
    void notFound() {
        Properties p = new Properties();
        p.setProperty("version", "1.0.0");
        p.setProperty("linux-amd64.file", "cloudflared-linux-amd64");
        p.setProperty("linux-amd64.sha256", "0".repeat(64));
        assertThatThrownBy(() -> new CloudflaredDownloader(base(), new PinnedReleases(p)).download(dataDir, "linux-amd64", "Linux"))
                .extracting(e -> ((UserException) e).key()).isEqualTo("tunnel.download.failed");
        assertThat(dataDir.resolve("bin/cloudflared")).doesNotExist();
        assertThat(dataDir.resolve("bin/.cloudflared.download")).doesNotExist();
    }

    @Test
    @DisplayName("the shipped pins point at GitHub releases and pin linux-amd64; unpinned platforms are refused")
    void shippedPins() {
        PinnedReleases shipped = PinnedReleases.load();
        assertThat(shipped.defaultBase()).startsWith("https://github.com/cloudflare/cloudflared/releases/download/");
        assertThat(shipped.sha256("linux-amd64")).isPresent();
        assertThat(shipped.sha256("darwin-arm64")).isEmpty();
        assertThat(PinnedReleases.platform("Linux", "amd64")).isEqualTo("linux-amd64");
        assertThat(PinnedReleases.platform("Mac OS X", "aarch64")).isEqualTo("darwin-arm64");
        assertThat(PinnedReleases.platform("Windows 11", "amd64")).isEqualTo("windows-amd64");
    }
}
