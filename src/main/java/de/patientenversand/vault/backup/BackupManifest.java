package de.patientenversand.vault.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.patientenversand.common.UserException;
import java.io.IOException;
import java.util.List;

/**
 * {@code manifest.json} of a backup (file or folder): format version, the app version that
 * wrote it, when, the database schema version, and every file with its SHA-256 and size. A
 * folder backup also lists files it still keeps although the vault no longer has them
 * ({@code retained}, with the time they were first missed) until the grace period ends; those
 * are never restored. See {@code docs/formats.md}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupManifest(String format, int version, String appVersion, String createdAt, int schemaVersion,
                             List<Entry> files, List<Entry> retained) {
    public static final String FORMAT = "patientenversand-backup";
    public static final int CURRENT_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public BackupManifest {
        files = files == null ? List.of() : List.copyOf(files);
        retained = retained == null ? List.of() : List.copyOf(retained);
    }

    /** One file: its path inside the backup ({@code /}-separated), size and SHA-256 (hex). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String path, long size, String sha256, String missingSince) {
        public Entry(String path, long size, String sha256) {
            this(path, size, sha256, null);
        }
    }

    public byte[] toJson() throws IOException {
        return JSON.writeValueAsBytes(this);
    }

    /** Reads a manifest; a newer format version or a foreign file gives a clear message. */
    public static BackupManifest parse(byte[] json) {
        BackupManifest m;
        try {
            m = JSON.readValue(json, BackupManifest.class);
        } catch (IOException e) {
            throw new UserException(e, "backup.manifestUnreadable");
        }
        if (!FORMAT.equals(m.format())) {
            throw new UserException("backup.notABackup");
        }
        if (m.version() > CURRENT_VERSION) {
            throw new UserException("backup.newerVersion", m.appVersion() == null ? "?" : m.appVersion());
        }
        return m;
    }
}
