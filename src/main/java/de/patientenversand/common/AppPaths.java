package de.patientenversand.common;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the vault lives by default on each operating system (DESIGN.md section 4).
 * Windows uses the local, not the roaming, profile: medical documents must not be
 * copied around a domain by roaming profiles.
 */
public final class AppPaths {
    public static final String DATA_DIR_ENV = "PATIENTENVERSAND_DATA_DIR";

    private AppPaths() {
    }

    /** The data dir: an explicit choice wins, then the environment, then the OS default. */
    public static Path dataDir(Path explicit) {
        return dataDir(explicit, System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    static Path dataDir(Path explicit, Map<String, String> env, String osName, String home) {
        if (explicit != null) {
            return explicit.toAbsolutePath().normalize();
        }
        String fromEnv = env.get(DATA_DIR_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.getOrDefault("LOCALAPPDATA", home + "\\AppData\\Local");
            return Path.of(local, "Patientenversand");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Patientenversand");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share");
        return base.resolve("patientenversand");
    }

    /**
     * Where the app keeps files it can always rebuild (never vault data): the per-user cache
     * folder of the OS ({@code $XDG_CACHE_HOME} or {@code ~/.cache} on Linux, {@code
     * ~/Library/Caches} on macOS, the local profile on Windows).
     */
    public static Path cacheDir() {
        return cacheDir(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    static Path cacheDir(Map<String, String> env, String osName, String home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.getOrDefault("LOCALAPPDATA", home + "\\AppData\\Local");
            return Path.of(local, "Patientenversand", "Cache");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Caches", "Patientenversand");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".cache");
        return base.resolve("patientenversand");
    }
}
