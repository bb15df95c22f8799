package de.patientenversand.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The one cloudflared release we download, with its SHA-256 per platform, kept in the repo
 * ({@code tunnel/cloudflared-releases.properties}). A platform without a pinned checksum is
 * never downloaded: an unchecked binary would run with access to every upload.
 */
public final class PinnedReleases {
    private final Properties values;

    PinnedReleases(Properties values) {
        this.values = values;
    }

    public static PinnedReleases load() {
        Properties p = new Properties();
        try (InputStream in = PinnedReleases.class.getResourceAsStream("/tunnel/cloudflared-releases.properties")) {
            if (in == null) {
                throw new IllegalStateException("cloudflared-releases.properties missing from the jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PinnedReleases(p);
    }

    public String version() {
        return values.getProperty("version");
    }

    /** The real download location (GitHub releases); tests inject their own. */
    public String defaultBase() {
        return values.getProperty("base");
    }

    /** The file name of the release asset for a platform, if we know one. */
    Optional<String> file(String platform) {
        return Optional.ofNullable(values.getProperty(platform + ".file")).filter(s -> !s.isBlank());
    }

    /** The pinned lower-case hex SHA-256, if one is pinned. */
    Optional<String> sha256(String platform) {
        return Optional.ofNullable(values.getProperty(platform + ".sha256")).map(String::trim)
                .filter(s -> s.matches("[0-9a-fA-F]{64}")).map(s -> s.toLowerCase(Locale.ROOT));
    }

    /** {@code linux-amd64}, {@code linux-arm64}, {@code windows-amd64}, {@code darwin-arm64}… */
    public static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        String o = os.contains("win") ? "windows" : os.contains("mac") ? "darwin" : "linux";
        String a = arch.equals("x86_64") || arch.equals("amd64") ? "amd64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : arch;
        return o + "-" + a;
    }

    public static String thisPlatform() {
        return platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }
}
