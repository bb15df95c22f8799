package de.patientenversand.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the three PDFs with Poppler's pdftoppm, as the screenshots in docs/screenshots were
 * made ({@code -Dpv.screenshots.dir=docs/screenshots} writes them there).
 */
@DisplayName("the consent, receipt and letter render to images with Poppler")
class PdfScreenshotsTest {
    static final Path PDFTOPPM = Path.of("/usr/bin/pdftoppm");
    @TempDir
    Path tmp;

    @Test
    @DisplayName("each PDF opens in Poppler and gives a non-empty page image")
    void render() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PDFTOPPM), "pdftoppm is missing: apt-get install poppler-utils");
        String configured = System.getProperty("pv.screenshots.dir");
        Path out = configured == null ? tmp : Path.of(configured).toAbsolutePath();
        Files.createDirectories(out);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant expires = Instant.parse("2027-01-02T10:00:00Z");
        ConsentData data = new ConsentData("Łukasz Żółć-Ğül", LocalDate.of(1980, 4, 23), "Hauptstraße 5\n12345 Musterstadt",
                "Gemeinschaftspraxis Dr. Ünal Öztürk & Dr. Maximiliane-Friederike Świętosława Müller-Lüdenscheidt",
                ConsentData.DEFAULT_SCOPE, PdfFacts.signaturePng(), null, LocalDate.of(2026, 12, 3));
        byte[] consent = new ConsentPdf(berlin).render(data.validated(LocalDate.of(2026, 12, 3)), expires, 1);
        byte[] receipt = new ReceiptPdf(berlin).render(new ReceiptContent("Łukasz Żółć-Ğül", "Praxis Dr. Ünal Öztürk",
                "Praxis Dr. Öztürk, Frau Ğül Şahin", "3f9a0c2d7e1b4a6f", Instant.parse("2026-12-03T13:05:00Z"), List.of(
                new ReceiptContent.File("Arztbrief Müller 2026-11-28.pdf", 248_113, "9b1d6a0c4f3e2b7a8d5c1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b"),
                new ReceiptContent.File("Röntgen Thorax.dcm", 5_238_412, "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"))));
        RequestLetter.Data letterData = new RequestLetter.Data("Łukasz Żółć-Ğül", LocalDate.of(1980, 4, 23),
                "Hauptstraße 5\n12345 Musterstadt", "Praxis Dr. Ünal Öztürk", "Praxisweg 1\n10115 Berlin",
                "https://beispiel-tunnel.trycloudflare.com/u/q3R7s1VxW2yZ0aB4cD6eF8gH0iJ2kL4mN6oP8rT0uV1", "K7QX2M", LocalDate.of(2026, 12, 3));
        byte[] letter = new RequestLetter(berlin).pdf(letterData, consent);
        for (var e : List.of(java.util.Map.entry("consent", consent), java.util.Map.entry("receipt", receipt),
                java.util.Map.entry("letter", letter))) {
            Path pdf = tmp.resolve(e.getKey() + ".pdf");
            Files.write(pdf, e.getValue());
            Process p = new ProcessBuilder(PDFTOPPM.toString(), "-png", "-r", "80", "-f", "1", "-l", "1", pdf.toString(),
                    out.resolve(e.getKey()).toString()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(log).isZero();
            assertThat(log).doesNotContain("Error");
            try (var s = Files.list(out)) {
                Path png = s.filter(f -> f.getFileName().toString().startsWith(e.getKey() + "-")).findFirst().orElseThrow();
                assertThat(Files.size(png)).isGreaterThan(10_000);
            }
        }
    }
}
