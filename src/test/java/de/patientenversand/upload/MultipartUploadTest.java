package de.patientenversand.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("POST /u/{token}/upload stores files in the vault and answers with a receipt")
class MultipartUploadTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir, TestServer.smallLimits());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    @DisplayName("a PDF arrives: 201 with submission, receivedAt, name, size and SHA-256; one document in the vault")
    void storesOne() throws Exception {
        RawHttp.Response r = server.upload(new Body().field("sender", "Praxis Dr. Muster").file("Befund.pdf", Fixtures.PDF).end());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode json = JSON.readTree(r.body());
        assertThat(json.path("submission").asText()).isNotBlank();
        assertThat(json.path("receivedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(json.path("files").get(0).path("name").asText()).isEqualTo("Befund.pdf");
        assertThat(json.path("files").get(0).path("size").asLong()).isEqualTo(Fixtures.PDF.length);
        assertThat(json.path("files").get(0).path("sha256").asText()).isEqualTo(sha256(Fixtures.PDF));
        assertThat(server.documentCount()).isEqualTo(1);
        assertThat(server.events).hasSize(1);
    }
}
