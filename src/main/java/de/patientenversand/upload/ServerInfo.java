package de.patientenversand.upload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.common.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code server.json} in the data dir: written by {@code serve} before it prints
 * {@code Listening…}, deleted when it stops, read by {@code link create} for the base URL.
 * See docs/formats.md.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServerInfo(int version, long pid, int port, String localUrl, String publicUrl) {
    public static final String FILE_NAME = "server.json";
    public static final int CURRENT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The URL links should use: the public one if there is one, else the local one. */
    public String baseUrl() {
        return publicUrl != null && !publicUrl.isBlank() ? publicUrl : localUrl;
    }

    /** Whether the process that wrote it is still running. */
    public boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    public void write(Path dataDir) throws IOException {
        OwnerOnlyFiles.writeAtomically(dataDir.resolve(FILE_NAME), JSON.writeValueAsBytes(this));
    }

    public static Optional<ServerInfo> read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), ServerInfo.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static void delete(Path dataDir) throws IOException {
        Files.deleteIfExists(dataDir.resolve(FILE_NAME));
    }
}
