package de.patientenversand.tunnel;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the cloudflared program, in this order: the path configured in the settings, the data
 * dir's {@code bin/} (where the downloader puts it), the app's own folder, then {@code PATH}.
 * Only executable regular files count.
 */
public final class CloudflaredLocator {
    private final Path configured;
    private final Path dataDir;
    private final Path appDir;
    private final String pathEnv;
    private final String osName;

    public CloudflaredLocator(Path configured, Path dataDir, Path appDir, String pathEnv, String osName) {
        this.configured = configured;
        this.dataDir = dataDir;
        this.appDir = appDir;
        this.pathEnv = pathEnv == null ? "" : pathEnv;
        this.osName = osName;
    }

    /** A locator for this computer: the real PATH, OS and the folder the app runs from. */
    public static CloudflaredLocator forThisSystem(Path configured, Path dataDir) {
        return new CloudflaredLocator(configured, dataDir, appDir(), System.getenv("PATH"), System.getProperty("os.name", ""));
    }

    public Optional<Path> find() {
        return candidates().stream().filter(CloudflaredLocator::usable).findFirst();
    }

    List<Path> candidates() {
        String name = executableName(osName);
        List<Path> list = new ArrayList<>();
        if (configured != null) {
            list.add(configured);
        }
        if (dataDir != null) {
            list.add(binDir(dataDir).resolve(name));
        }
        if (appDir != null) {
            list.add(appDir.resolve(name));
        }
        for (String entry : pathEnv.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                try {
                    list.add(Path.of(entry).resolve(name));
                } catch (InvalidPathException e) {
                    // a broken PATH entry is skipped
                }
            }
        }
        return list;
    }

    /** Where the downloader puts cloudflared. */
    public static Path binDir(Path dataDir) {
        return dataDir.resolve("bin");
    }

    public static String executableName(String osName) {
        return osName.toLowerCase(Locale.ROOT).contains("win") ? "cloudflared.exe" : "cloudflared";
    }

    /** The message key of the two-line "how to get cloudflared" help for this OS. */
    public static String helpKey(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return "tunnel.missing.help.windows";
        }
        return os.contains("mac") ? "tunnel.missing.help.mac" : "tunnel.missing.help.linux";
    }

    private static boolean usable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }

    private static Path appDir() {
        try {
            Path location = Path.of(CloudflaredLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? location.getParent() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
