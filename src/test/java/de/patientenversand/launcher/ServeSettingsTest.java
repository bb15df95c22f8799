package de.patientenversand.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.settings.Settings;
import de.patientenversand.settings.SettingsStore;
import de.patientenversand.upload.Body;
import de.patientenversand.upload.RawHttp;
import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.VaultCreator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("serve takes the largest file from the patient's settings")
class ServeSettingsTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("with 'Größte Datei' set to 1 MB: 1 MB is stored, 1 MB + 1 byte gets 413 naming 1 MB, the page says 1 MB")
    void maxFileSizeFromSettings() throws Exception {
        new VaultCreator(new SecureRandom()).create(dir, "pw pw pw pw".toCharArray(), new KdfParams(1024, 1, 1));
        new SettingsStore(dir).save(Settings.defaults().withMaxFileSizeMb(1));
        Process serve = ServeCliTest.java("-Duser.language=de", "serve", "--data-dir", dir.toString(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String listening = out.readLine();
            assertThat(listening).startsWith("Listening on http://127.0.0.1:");
            int port = Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1).strip());
            ServeCliTest.Run create = ServeCliTest.run("link", "create", "--data-dir", dir.toString(), "--label", "Praxis");
            assertThat(create.code()).as(create.err()).isZero();
            String path = URI.create(create.out().strip()).getPath();

            byte[] exact = pdf(1024 * 1024);
            RawHttp.Response stored = RawHttp.post(port, path + "/upload", Body.TYPE,
                    new Body().file("genau-1-MB.pdf", exact).end().bytes());
            assertThat(stored.status()).as(stored.body()).isEqualTo(201);

            RawHttp.Response refused = RawHttp.post(port, path + "/upload", Body.TYPE,
                    new Body().file("zu-gross.pdf", pdf(1024 * 1024 + 1)).end().bytes());
            assertThat(refused.status()).as(refused.body()).isEqualTo(413);
            JsonNode error = new ObjectMapper().readTree(refused.body());
            assertThat(error.path("error").asText()).isEqualTo("file_too_large");
            assertThat(error.path("message").asText()).contains("1 MB").doesNotContain("50 MB");

            RawHttp.Response page = RawHttp.get(port, path);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("1 MB").doesNotContain("50 MB");
        } finally {
            serve.destroy();
            if (!serve.waitFor(20, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    private static byte[] pdf(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'a');
        byte[] magic = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, b, 0, magic.length);
        return b;
    }
}
