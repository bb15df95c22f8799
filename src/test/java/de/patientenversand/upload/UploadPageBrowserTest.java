package de.patientenversand.upload;

import static de.patientenversand.upload.PracticeServer.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("the upload page in a real browser (headless Chromium) against the real server and vault")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadPageBrowserTest {
    @TempDir
    Path dir;
    @TempDir
    Path files;
    PracticeServer server;
    ChromeDriver browser;

    @BeforeAll
    void startBrowser() {
        browser = BrowserSession.start();
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void start() throws Exception {
        Path vault = Files.createTempDirectory(dir, "vault");
        server = new PracticeServer(vault, PracticeServer.limits(), Duration.ofHours(4));
        Assumptions.assumeTrue(RawHttp.get(server.port(), "/assets/upload.js").status() == 200,
                "the page bundle is missing: build without -DskipWeb=true (npm run bundle)");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void open(String query) {
        browser.get(server.base() + server.linkPath() + query);
        waitFor(d -> d.findElement(By.id("choose")).isDisplayed());
    }

    private void waitFor(Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition::apply);
    }

    /** Chooses files as the native picker would (the input is hidden behind the button). */
    private void choose(Path... paths) {
        WebElement input = browser.findElement(By.id("file-input"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].style.display='block'", input);
        input.sendKeys(java.util.Arrays.stream(paths).map(Path::toString).collect(Collectors.joining("\n")));
        ((JavascriptExecutor) browser).executeScript("arguments[0].style.display=''", input);
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#files li.file"));
    }

    private String state(WebElement row) {
        return row.getDomAttribute("data-state");
    }

    private void waitUntilDone() {
        waitFor(d -> !rows().isEmpty() && rows().stream().noneMatch(r -> "sending".equals(state(r)) || "waiting".equals(state(r)))
                && !d.findElement(By.id("summary")).getText().isBlank()
                && !d.findElement(By.id("summary")).getText().contains("gesendet …"));
    }

    private boolean alertShown() {
        try {
            browser.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    static byte[] pdf(int pages) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                    text.beginText();
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                    text.newLineAtOffset(72, 700);
                    text.showText("Arztbrief Erika Mustermann - Seite " + i + " von " + pages);
                    text.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    static byte[] image(String format, int w, int h) throws IOException {
        ImageIO.setUseCache(false);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(30, 40, 60));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.LIGHT_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
        g.drawString("Befund " + format.toUpperCase(), 20, h / 2);
        g.fillOval(w / 2, h / 4, w / 4, h / 3);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(files.resolve(name), bytes);
    }

    private void screenshot(String name) throws IOException {
        Path target = Path.of(System.getProperty("pv.screenshots", "target/screenshots"));
        Files.createDirectories(target);
        Files.write(target.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @DisplayName("three real files (3-page PDF, JPEG, PNG with umlauts) go through tus; the page shows the receipt and the vault decrypts the same bytes")
    void threeRealFiles() throws Exception {
        byte[] pdf = pdf(3);
        byte[] jpeg = image("jpg", 640, 480);
        byte[] png = image("png", 400, 300);
        Map<String, byte[]> sent = Map.of("Arztbrief_Mustermann.pdf", pdf, "Knie_links.jpg", jpeg,
                "Röntgen_Übersicht.png", png);
        open("");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dokumente an Erika Mustermann");
        assertThat(browser.findElement(By.id("checkcode")).getText()).isEqualTo(server.links.checkCode(server.link.token()));
        choose(file("Arztbrief_Mustermann.pdf", pdf), file("Knie_links.jpg", jpeg), file("Röntgen_Übersicht.png", png));
        assertThat(rows()).hasSize(3).allSatisfy(r -> assertThat(r.getText()).contains("wartet"));
        browser.findElement(By.id("sender")).sendKeys("Praxis Dr. Muster");
        browser.findElement(By.id("message")).sendKeys("Ihre Befunde vom Montag");
        browser.findElement(By.id("send")).click();

        waitFor(d -> d.findElement(By.id("receipt")).isDisplayed());
        assertThat(rows()).allSatisfy(r -> assertThat(r.getText()).contains("empfangen ✓"));
        assertThat(browser.findElement(By.id("summary")).getText()).isEqualTo("Alle 3 Dokumente wurden empfangen.");
        List<WebElement> receipt = browser.findElements(By.cssSelector("#receipt .receipt-file"));
        assertThat(receipt).hasSize(3);
        for (WebElement item : receipt) {
            String name = item.findElement(By.className("receipt-name")).getText();
            assertThat(sent).containsKey(name);
            assertThat(item.findElement(By.className("receipt-hash")).getText()).isEqualTo(sha256(sent.get(name)));
            assertThat(item.getText()).contains("Dezember", "KB");
        }
        screenshot("upload-page-receipt.png");

        var docs = server.unlockAndRead();
        assertThat(docs).hasSize(3);
        assertThat(docs.stream().collect(Collectors.toMap(d -> d.info().name(), PracticeServer.Decrypted::sha256)))
                .isEqualTo(sent.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> sha256(e.getValue()))));
        assertThat(docs).allSatisfy(d -> {
            assertThat(d.info().sender()).isEqualTo("Praxis Dr. Muster");
            assertThat(d.info().message()).isEqualTo("Ihre Befunde vom Montag");
        });
        assertThat(docs.stream().map(d -> d.info().type()))
                .containsExactlyInAnyOrder("application/pdf", "image/jpeg", "image/png");
    }

    @Test
    @DisplayName("a connection lost just as the delivery is closed is retried: the practice still gets its receipt, and the vault holds the document once")
    void closingRequestRetried() throws Exception {
        byte[] pdf = pdf(1);
        open("");
        // the network drops the first two closing requests, as a tunnel restart would
        ((JavascriptExecutor) browser).executeScript("""
                const realFetch = window.fetch.bind(window);
                window.completeCalls = 0;
                window.fetch = (url, options) => {
                  if (String(url).endsWith('/complete') && ++window.completeCalls <= 2) {
                    return Promise.reject(new TypeError('Failed to fetch'));
                  }
                  return realFetch(url, options);
                };""");
        choose(file("Laborwerte.pdf", pdf));
        browser.findElement(By.id("send")).click();

        waitFor(d -> d.findElement(By.id("receipt")).isDisplayed());
        assertThat(((Number) ((JavascriptExecutor) browser).executeScript("return window.completeCalls")).intValue())
                .isEqualTo(3);
        assertThat(browser.findElement(By.id("summary")).getText()).isEqualTo("Das Dokument wurde empfangen.");
        assertThat(browser.findElement(By.cssSelector("#receipt .receipt-hash")).getText()).isEqualTo(sha256(pdf));
        assertThat(server.unlockAndRead()).singleElement().satisfies(d -> assertThat(d.sha256()).isEqualTo(sha256(pdf)));
    }

    @Test
    @DisplayName("T05: the browser reads the page as UTF-8 and shows the umlauts of the page literally")
    void t05Utf8() {
        open("");
        assertThat(((JavascriptExecutor) browser).executeScript("return document.characterSet")).isEqualTo("UTF-8");
        assertThat(browser.findElement(By.id("choose")).getText()).isEqualTo("Dateien auswählen");
    }

    @Test
    @DisplayName("T13: the send button stays disabled until a file is chosen, and again when it is removed")
    void t13SendDisabledWithoutFiles() throws Exception {
        open("");
        WebElement send = browser.findElement(By.id("send"));
        assertThat(send.isEnabled()).isFalse();
        choose(file("Befund.pdf", pdf(1)));
        assertThat(send.isEnabled()).isTrue();
        rows().getFirst().findElement(By.className("file-remove")).click();
        assertThat(rows()).isEmpty();
        assertThat(send.isEnabled()).isFalse();
        assertThat(server.documentCount()).isZero();
    }

    @Test
    @DisplayName("T06: a file name with HTML shows as text in the list and the receipt; no script runs")
    void t06HtmlInNameIsText() throws Exception {
        String name = "<img src=x onerror=alert(document.domain)>.pdf";
        open("");
        choose(file(name, pdf(1)));
        WebElement row = rows().getFirst();
        assertThat(row.findElement(By.className("file-name")).getText()).isEqualTo(name);
        assertThat(browser.findElements(By.cssSelector("#files img"))).isEmpty();
        browser.findElement(By.id("send")).click();
        waitFor(d -> d.findElement(By.id("receipt")).isDisplayed());
        assertThat(alertShown()).isFalse();
        assertThat(browser.findElements(By.cssSelector("img"))).isEmpty();
        String shown = browser.findElement(By.cssSelector("#receipt .receipt-name")).getText();
        assertThat(shown).contains("img src=x onerror=alert(document.domain)").endsWith(".pdf");
        assertThat(server.unlockAndRead()).singleElement().satisfies(d -> assertThat(d.info().name()).isEqualTo(shown));
    }

    @Test
    @DisplayName("T25: each error stays next to its file until dismissed, the summary never says all arrived, and a retry sends only the failed files")
    void t25ErrorsPersistAndRetryOnlyFailed() throws Exception {
        Path good1 = file("Befund.pdf", pdf(2));
        Path good2 = file("Foto.png", image("png", 200, 100));
        Path big = file("Zu_gross.pdf", Fixtures.bigPdf(1536 * 1024, 7));
        Path html = file("Falsch.pdf", "<!DOCTYPE html><html><body>Kein PDF</body></html>".getBytes());
        open("");
        choose(good1, good2, big, html);
        browser.findElement(By.id("send")).click();
        waitUntilDone();

        Map<String, WebElement> byName = rows().stream()
                .collect(Collectors.toMap(r -> r.findElement(By.className("file-name")).getText(), r -> r));
        assertThat(state(byName.get("Befund.pdf"))).isEqualTo("received");
        assertThat(state(byName.get("Foto.png"))).isEqualTo("received");
        assertThat(state(byName.get("Zu_gross.pdf"))).isEqualTo("error");
        assertThat(byName.get("Zu_gross.pdf").findElement(By.className("file-error")).getText()).contains("größer als 1 MB");
        assertThat(state(byName.get("Falsch.pdf"))).isEqualTo("error");
        assertThat(byName.get("Falsch.pdf").findElement(By.className("file-error")).getText())
                .contains("Falsch.pdf", "nicht angenommen");
        String summary = browser.findElement(By.id("summary")).getText();
        assertThat(summary).startsWith("2 von 4").doesNotContain("Alle");
        assertThat(server.documentCount()).isEqualTo(2);

        Thread.sleep(3000);
        assertThat(byName.get("Falsch.pdf").findElement(By.className("file-error")).isDisplayed())
                .as("the error is still there after a few seconds").isTrue();

        WebElement retry = browser.findElement(By.id("retry"));
        assertThat(retry.isDisplayed()).isTrue();
        retry.click();
        waitUntilDone();
        assertThat(state(byName.get("Falsch.pdf"))).isEqualTo("error");
        assertThat(state(byName.get("Befund.pdf"))).isEqualTo("received");
        assertThat(server.documentCount()).as("no duplicates of files that had arrived").isEqualTo(2);
        assertThat(browser.findElement(By.id("summary")).getText()).doesNotContain("Alle");

        byName.get("Falsch.pdf").findElement(By.className("file-remove")).click();
        assertThat(rows()).hasSize(3);
    }

    @Test
    @DisplayName("screenshots of the page on a desktop (1280x900) and a phone (390x844)")
    void screenshots() throws Exception {
        open("");
        screenshot("upload-page-desktop.png");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("");
        long overflow = (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow).as("nothing wider than the phone's screen").isLessThanOrEqualTo(0);
        choose(file("Laborwerte_März.pdf", pdf(1)));
        screenshot("upload-page-phone.png");
    }

    @Test
    @DisplayName("without JavaScript the plain form sends the files to the multipart endpoint and shows a receipt page")
    void withoutJavaScript() throws Exception {
        byte[] pdf = pdf(2);
        Path file = file("Befund_ohne_Skript.pdf", pdf);
        ChromeDriver plain = BrowserSession.start(false);
        try {
            plain.get(server.base() + server.linkPath());
            assertThat(plain.findElement(By.id("choose")).isDisplayed()).isFalse();
            WebElement input = plain.findElement(By.id("file-input"));
            assertThat(input.isDisplayed()).isTrue();
            input.sendKeys(file.toString());
            plain.findElement(By.id("sender")).sendKeys("Praxis Dr. Muster");
            plain.findElement(By.id("send")).click();
            new WebDriverWait(plain, Duration.ofSeconds(30))
                    .until(d -> d.getPageSource().contains("Befund_ohne_Skript.pdf"));
            assertThat(plain.findElement(By.tagName("body")).getText()).contains("Empfangsbestätigung", sha256(pdf));
        } finally {
            plain.quit();
        }
        assertThat(server.unlockAndRead()).singleElement().satisfies(d -> {
            assertThat(d.sha256()).isEqualTo(sha256(pdf));
            assertThat(d.info().sender()).isEqualTo("Praxis Dr. Muster");
        });
    }
}
