package de.patientenversand.upload;

import static de.patientenversand.upload.PracticeServer.b64;
import static de.patientenversand.upload.PracticeServer.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a tus upload survives a dropped connection and resumes where it broke")
class TusResumeTest {
    @TempDir
    Path dir;
    PracticeServer server;
    TusClient tus;

    @BeforeEach
    void start() throws Exception {
        server = new PracticeServer(dir, PracticeServer.limits(), Duration.ofHours(4));
        tus = new TusClient(server.port(), server.linkPath());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Asks HEAD until the server has wound up the broken request (it answers at once in practice). */
    private long settledOffset(String path) throws Exception {
        long last = -1;
        for (int i = 0; i < 50; i++) {
            RawHttp.Response head = tus.head(path);
            assertThat(head.status()).isEqualTo(200);
            long offset = Long.parseLong(head.header("Upload-Offset"));
            if (offset == last) {
                return offset;
            }
            last = offset;
            Thread.sleep(100);
        }
        return last;
    }

    @Test
    @DisplayName("a PATCH that stops halfway and closes keeps every byte received; HEAD gives the offset and the rest completes a correct document")
    void resumeAfterDrop() throws Exception {
        byte[] pdf = Fixtures.bigPdf(600_000, 11);
        RawHttp.Response created = tus.create(pdf.length, "filename " + b64("Röntgen_Befund.pdf"));
        assertThat(created.status()).isEqualTo(201);
        String path = tus.uploadPath(created);

        tus.patchAndDrop(path, 0, pdf, 250_000);
        long offset = settledOffset(path);
        assertThat(offset).as("data of the interrupted PATCH is kept up to the last byte received")
                .isEqualTo(250_000);
        assertThat(server.documentCount()).isZero();

        RawHttp.Response rest = tus.patch(path, offset, Arrays.copyOfRange(pdf, (int) offset, pdf.length));
        assertThat(rest.status()).isEqualTo(204);
        assertThat(rest.header("Upload-Offset")).isEqualTo("600000");

        var docs = server.unlockAndRead();
        assertThat(docs).singleElement().satisfies(d -> {
            assertThat(d.info().name()).isEqualTo("Röntgen_Befund.pdf");
            assertThat(d.info().size()).isEqualTo(pdf.length);
            assertThat(d.sha256()).isEqualTo(sha256(pdf));
        });
        assertThat(server.partialFiles()).isEmpty();
    }

    @Test
    @DisplayName("a drop inside the first 8 KiB (before the type is known) also resumes to a correct document")
    void resumeInsideTheHead() throws Exception {
        byte[] pdf = Fixtures.bigPdf(40_000, 12);
        String path = tus.uploadPath(tus.create(pdf.length, "filename " + b64("Kurz.pdf")));
        tus.patchAndDrop(path, 0, pdf, 3_000);
        long offset = settledOffset(path);
        assertThat(offset).isEqualTo(3_000);
        assertThat(tus.patch(path, offset, Arrays.copyOfRange(pdf, 3_000, pdf.length)).status()).isEqualTo(204);
        assertThat(server.unlockAndRead()).singleElement().satisfies(d -> assertThat(d.sha256()).isEqualTo(sha256(pdf)));
    }

    @Test
    @DisplayName("a partial upload left idle past the expiry is aborted: HEAD 404 and no encrypted partial file remains")
    void idleUploadExpires() throws Exception {
        server.close();
        server = new PracticeServer(dir.resolve("v2"), PracticeServer.limits(), Duration.ofMillis(300));
        tus = new TusClient(server.port(), server.linkPath());
        byte[] pdf = Fixtures.bigPdf(60_000, 13);
        String path = tus.uploadPath(tus.create(pdf.length, "filename " + b64("Liegen.pdf")));
        assertThat(tus.patch(path, 0, Arrays.copyOf(pdf, 20_000)).status()).isEqualTo(204);
        assertThat(server.partialFiles()).isNotEmpty();

        Thread.sleep(600);
        assertThat(server.resumable.sweep()).isEqualTo(1);
        assertThat(tus.head(path).status()).isEqualTo(404);
        assertThat(server.partialFiles()).isEmpty();
        assertThat(server.documentCount()).isZero();
    }
}
