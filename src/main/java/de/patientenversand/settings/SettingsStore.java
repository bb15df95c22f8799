package de.patientenversand.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.common.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads and saves {@code settings.json} atomically with owner-only permissions. */
public final class SettingsStore {
    public static final String FILE_NAME = "settings.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;

    public SettingsStore(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    public Settings load() {
        if (!Files.exists(file)) {
            return Settings.defaults();
        }
        try {
            Settings s = JSON.readValue(file.toFile(), Settings.class);
            if (s.version() > Settings.CURRENT_VERSION) {
                throw new UserException("settings.newerVersion");
            }
            return s;
        } catch (IOException e) {
            throw new UserException(e, "settings.unreadable");
        }
    }

    public void save(Settings settings) throws IOException {
        OwnerOnlyFiles.writeAtomically(file, JSON.writeValueAsBytes(settings));
    }
}
