package de.patientenversand.tunnel;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.common.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the pinned cloudflared release into the data dir's {@code bin/} and checks its SHA-256
 * against the value kept in the repo before it may ever run. On a mismatch, an unpinned platform,
 * an oversized or broken download, nothing is left behind. The base URL is injectable so tests
 * use a local server; the real one points at cloudflared's GitHub releases.
 */
public final class CloudflaredDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(CloudflaredDownloader.class);
    static final long MAX_BYTES = 200L * 1024 * 1024;

    private final String base;
    private final PinnedReleases pins;
    private final HttpClient http;

    public CloudflaredDownloader(String base, PinnedReleases pins) {
        this.base = base.endsWith("/") ? base : base + "/";
        this.pins = pins;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
    }

    public static CloudflaredDownloader forReleases() {
        PinnedReleases pins = PinnedReleases.load();
        return new CloudflaredDownloader(pins.defaultBase(), pins);
    }

    /** Downloads and verifies; returns the path of the installed, executable cloudflared. */
    public Path download(Path dataDir, String platform, String osName) {
        String file = pins.file(platform).orElseThrow(() -> new UserException("tunnel.download.notPinned", platform));
        String expected = pins.sha256(platform).orElseThrow(() -> new UserException("tunnel.download.notPinned", platform));
        Path bin = CloudflaredLocator.binDir(dataDir);
        Path target = bin.resolve(CloudflaredLocator.executableName(osName));
        Path part = bin.resolve(".cloudflared.download");
        try {
            OwnerOnlyFiles.createDirectories(bin);
            Files.deleteIfExists(part);
            URI uri = URI.create(base + pins.version() + "/" + file);
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String actual;
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new UserException("tunnel.download.failed");
                }
                actual = copyAndHash(in, part);
            }
            if (!MessageDigest.isEqual(actual.getBytes(), expected.getBytes())) {
                LOG.warn("cloudflared download refused: checksum mismatch for {}", platform);
                throw new UserException("tunnel.download.checksumMismatch");
            }
            if (OwnerOnlyFiles.posix()) {
                Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rwx------"));
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            OwnerOnlyFiles.fsyncDirectory(bin);
            LOG.info("cloudflared {} installed for {}", pins.version(), platform);
            return target;
        } catch (IOException e) {
            throw new UserException(e, "tunnel.download.failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException(e, "tunnel.download.failed");
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                LOG.warn("could not remove a partial cloudflared download");
            }
        }
    }

    private static String copyAndHash(InputStream in, Path part) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > MAX_BYTES) {
                    throw new UserException("tunnel.download.failed");
                }
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
