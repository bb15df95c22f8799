package de.patientenversand.upload;

import static de.patientenversand.upload.PracticeServer.b64;
import static de.patientenversand.upload.PracticeServer.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.consent.ConsentData;
import de.patientenversand.links.CreatedLink;
import de.patientenversand.vault.UnlockedVault;
import de.patientenversand.vault.Unlocker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("consent.pdf and receipt PDFs through the link, against the real server and vault")
class ConsentReceiptEndpointTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
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

    HttpResponse<byte[]> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static String pdfText(byte[] pdf) throws Exception {
        try (var doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    void setConsent(String name) throws Exception {
        server.consents.set(server.link.id(), server.link.token(), server.link.expiresAt(), new ConsentData(name,
                LocalDate.of(1980, 4, 23), null, "Praxis Dr. Muster", ConsentData.DEFAULT_SCOPE, null, name, LocalDate.now()));
    }

    String deliver(String sender, byte[]... files) throws Exception {
        RawHttp.Response opened = RawHttp.post(server.port(), server.linkPath() + "/submissions", "application/json",
                ("{\"sender\":\"" + sender + "\"}").getBytes(StandardCharsets.UTF_8), "Accept: application/json");
        String submission = JSON.readTree(opened.body()).path("submission").asText();
        int i = 1;
        for (byte[] f : files) {
            RawHttp.Response created = tus.create(f.length, "filename " + b64("Befund " + i++ + ".pdf") + ",submission " + b64(submission));
            assertThat(tus.patch(tus.uploadPath(created), 0, f).status()).isEqualTo(204);
        }
        RawHttp.Response done = RawHttp.post(server.port(), server.linkPath() + "/submissions/" + submission + "/complete",
                "application/json", new byte[0], "Accept: application/json");
        assertThat(done.status()).as(done.body()).isEqualTo(201);
        return submission;
    }

    @Test
    @DisplayName("without a consent: 404 page and no consent link on the page; with one: the PDF and the link 'Einwilligung des Patienten (PDF)'")
    void consentPdf() throws Exception {
        HttpResponse<byte[]> none = get(server.linkPath() + "/consent.pdf", "text/html");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(new String(none.body(), StandardCharsets.UTF_8)).contains("<html");
        assertThat(new String(get(server.linkPath(), "text/html").body(), StandardCharsets.UTF_8))
                .doesNotContain("Einwilligung des Patienten (PDF)");

        setConsent("Łukasz Żółć");
        HttpResponse<byte[]> pdf = get(server.linkPath() + "/consent.pdf", "application/pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(pdfText(pdf.body())).contains("Łukasz Żółć", "Praxis Dr. Muster");
        String page = new String(get(server.linkPath(), "text/html").body(), StandardCharsets.UTF_8);
        assertThat(page).contains("Einwilligung des Patienten (PDF)", "consent.pdf");
    }

    @Test
    @DisplayName("after a delivery the receipt PDF lists each file with size and SHA-256; another link gets 404 for it")
    void receipt() throws Exception {
        byte[] a = Fixtures.bigPdf(50_000, 3);
        byte[] b = Fixtures.PDF2;
        String submission = deliver("Praxis Dr. Ünal", a, b);

        HttpResponse<byte[]> r = get(server.linkPath() + "/receipt/" + submission + ".pdf", "application/pdf");
        assertThat(r.statusCode()).isEqualTo(200);
        String text = pdfText(r.body());
        assertThat(text).contains("Empfangsbestätigung", "Erika Mustermann", "Praxis Dr. Muster", "Praxis Dr. Ünal",
                "Befund 1.pdf", "Befund 2.pdf", sha256(a), sha256(b), a.length + " Bytes", submission);

        CreatedLink other = server.links.create("Praxis B", Duration.ofDays(1), null, "Erika Mustermann");
        assertThat(get("/u/" + other.token() + "/receipt/" + submission + ".pdf", "text/html").statusCode()).isEqualTo(404);
        assertThat(get(server.linkPath() + "/receipt/unbekannt.pdf", "text/html").statusCode()).isEqualTo(404);
        assertThat(get(server.linkPath() + "/receipt/" + submission, "text/html").statusCode()).isEqualTo(404);

        // the patient's app keeps the same receipt, sealed to the vault
        try (UnlockedVault vault = new Unlocker(new SecureRandom()).withPassphrase(server.dataDir, PracticeServer.PASSPHRASE.clone())) {
            assertThat(server.receipts.forPatient(server.link.id(), submission, vault::unseal)).isEqualTo(r.body());
        }
        // and nothing of it lies on disk in the clear
        try (Stream<Path> files = Files.walk(server.dataDir.resolve("links"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                        .doesNotContain("%PDF", "Befund 1.pdf", "Ünal", sha256(a));
            }
        }
    }
}
