package de.patientenversand.upload;

import static de.patientenversand.upload.PracticeServer.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.consent.ConsentData;
import de.patientenversand.vault.Retention;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("a practice in a real browser: consent, two documents, receipt PDF; then automatic deletion")
class ConsentReceiptBrowserTest {
    @TempDir
    Path dir;
    @TempDir
    Path downloads;
    @TempDir
    Path files;
    PracticeServer server;
    ChromeDriver browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    Path waitForDownload(String name) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Files.isRegularFile(downloads.resolve(name)));
        return downloads.resolve(name);
    }

    static String text(Path pdf) throws Exception {
        try (var doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    @DisplayName("the practice downloads the consent, sends two files, downloads the receipt whose SHA-256 values equal the files'; after N days both are deleted and the deletion is logged without personal data")
    void practiceFlow() throws Exception {
        server = new PracticeServer(dir, PracticeServer.limits(), Duration.ofHours(4));
        Assumptions.assumeTrue(RawHttp.get(server.port(), "/assets/upload.js").status() == 200,
                "the page bundle is missing: build without -DskipWeb=true (npm run bundle)");
        server.consents.set(server.link.id(), server.link.token(), server.link.expiresAt(), new ConsentData("Łukasz Żółć",
                LocalDate.of(1980, 4, 23), null, "Praxis Dr. Muster", ConsentData.DEFAULT_SCOPE, null, "Łukasz Żółć", LocalDate.now()));
        browser = BrowserSession.start(downloads);

        browser.get(server.base() + server.linkPath());
        WebElement consent = browser.findElement(By.linkText("Einwilligung des Patienten (PDF)"));
        consent.click();
        assertThat(text(waitForDownload("Einwilligung.pdf"))).contains("Łukasz Żółć", "Einwilligung");

        byte[] a = UploadPageBrowserTest.pdf(2);
        byte[] b = UploadPageBrowserTest.image("png", 300, 200);
        Path fa = Files.write(files.resolve("Arztbrief Müller.pdf"), a);
        Path fb = Files.write(files.resolve("Röntgen.png"), b);
        WebElement input = browser.findElement(By.id("file-input"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].style.display='block'", input);
        input.sendKeys(fa + "\n" + fb);
        browser.findElement(By.id("sender")).sendKeys("Praxis Dr. Muster, Frau Ğül");
        browser.findElement(By.id("send")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> !d.findElements(By.cssSelector("a.receipt-pdf-link")).isEmpty());
        WebElement receiptLink = browser.findElement(By.cssSelector("a.receipt-pdf-link"));
        assertThat(receiptLink.getText()).isEqualTo("Empfangsbestätigung herunterladen (PDF)");
        String shots = System.getProperty("pv.screenshots.dir");
        if (shots != null) {
            Files.write(Path.of(shots).resolve("upload-page-receipt-pdf.png"),
                    browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        }
        receiptLink.click();
        String receipt = text(waitForDownload("Empfangsbestaetigung.pdf"));
        assertThat(receipt).contains("Arztbrief Müller.pdf", "Röntgen.png", "Praxis Dr. Muster, Frau Ğül", "Erika Mustermann");
        List<String> hashes = java.util.regex.Pattern.compile("SHA-256: ([0-9a-f]{64})").matcher(receipt).results()
                .map(m -> m.group(1)).toList();
        assertThat(hashes).containsExactlyInAnyOrder(sha256(a), sha256(b));

        if (shots != null) {
            browser.get(server.base() + "/compliance");
            Files.write(Path.of(shots).resolve("compliance-page.png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        }

        // automatic deletion after 7 days, as serve runs it daily
        assertThat(server.documentCount()).isEqualTo(2);
        Instant eightDaysLater = Instant.now().plus(Duration.ofDays(8));
        int removed = new Retention(server.vault.database(), server.vault.layout(), Clock.fixed(eightDaysLater, ZoneOffset.UTC)).prune(7);
        assertThat(removed).isEqualTo(2);
        assertThat(server.documentCount()).isZero();
        try (Stream<Path> s = Files.walk(server.vault.layout().blobs())) {
            assertThat(s.filter(Files::isRegularFile).toList()).isEmpty();
        }
        String events = server.vault.database().read(c -> {
            StringBuilder out = new StringBuilder();
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT kind, detail FROM events")) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append(' ').append(rs.getString(2)).append('\n');
                }
            }
            return out.toString();
        });
        assertThat(events).contains(Retention.EVENT_KIND + " {\"count\":2,\"days\":7}")
                .doesNotContain("Müller", "Röntgen", "Ğül", "Muster", server.link.token());
    }
}
