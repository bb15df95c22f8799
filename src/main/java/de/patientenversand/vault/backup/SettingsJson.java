package de.patientenversand.vault.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.patientenversand.settings.Settings;
import java.io.IOException;

/** The settings as {@code settings.json} bytes, in the same form {@code SettingsStore} writes. */
final class SettingsJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SettingsJson() {
    }

    static byte[] bytes(Settings settings) throws IOException {
        return JSON.writeValueAsBytes(settings);
    }
}
