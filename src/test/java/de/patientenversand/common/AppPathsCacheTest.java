package de.patientenversand.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the cache folder (rebuildable files only) is the OS's per-user one")
class AppPathsCacheTest {
    @Test
    @DisplayName("Linux: $XDG_CACHE_HOME, else ~/.cache; macOS: ~/Library/Caches; Windows: the local profile")
    void perOs() {
        assertThat(AppPaths.cacheDir(Map.of("XDG_CACHE_HOME", "/x/cache"), "Linux", "/home/p"))
                .isEqualTo(Path.of("/x/cache", "patientenversand"));
        assertThat(AppPaths.cacheDir(Map.of(), "Linux", "/home/p")).isEqualTo(Path.of("/home/p", ".cache", "patientenversand"));
        assertThat(AppPaths.cacheDir(Map.of(), "Mac OS X", "/Users/p"))
                .isEqualTo(Path.of("/Users/p", "Library", "Caches", "Patientenversand"));
        assertThat(AppPaths.cacheDir(Map.of("LOCALAPPDATA", "C:\\Users\\p\\AppData\\Local"), "Windows 11", "C:\\Users\\p"))
                .isEqualTo(Path.of("C:\\Users\\p\\AppData\\Local", "Patientenversand", "Cache"));
        assertThat(AppPaths.cacheDir(Map.of(), "Linux", "/home/p"))
                .isNotEqualTo(AppPaths.dataDir(null, Map.of(), "Linux", "/home/p"));
    }
}
