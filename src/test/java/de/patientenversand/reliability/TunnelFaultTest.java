package de.patientenversand.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.launcher.ForkedServe;
import de.patientenversand.launcher.ForkedServe.Serve;
import de.patientenversand.launcher.Main;
import de.patientenversand.settings.Settings;
import de.patientenversand.settings.SettingsStore;
import de.patientenversand.tunnel.FakeCloudflared;
import de.patientenversand.tunnel.FakeEdge;
import de.patientenversand.upload.BrowserSession;
import de.patientenversand.upload.Fixtures;
import de.patientenversand.upload.PracticeServer;
import de.patientenversand.vault.Database;
import de.patientenversand.vault.DocumentInfo;
import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.UnlockedVault;
import de.patientenversand.vault.Unlocker;
import de.patientenversand.vault.VaultCreator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The tunnel process dying while a practice uploads (issue 8, item 2), with everything real but
 * Cloudflare: {@code serve} in its own JVM, the fake cloudflared as its supervised child, the
 * upload page in Debian's Chromium. {@link FakeEdge} stands for the public address and carries
 * the traffic only while that cloudflared lives, so killing it (-9) cuts the upload as the real
 * thing would. A named tunnel comes back at the same address and the page resumes; a quick tunnel
 * comes back at a new one, and the page must say so instead of waiting in silence.
 * {@code -Dpv.long=true}: a bigger file and three deaths during one upload.
 */
@DisplayName("the tunnel dies during an upload: a named tunnel resumes, a quick tunnel's page says the link changed")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TunnelFaultTest {
    static final boolean LONG = Boolean.getBoolean("pv.long");
    static final String SUITE = "tunnel-fault";
    static final char[] PASSPHRASE = "Ein langer Satz als Passwort".toCharArray();
    static final String NAMED_TOKEN = "eyJhIjoiZmF1bHQtdGVzdCIsInQiOiJmYXVsdC10ZXN0IiwicyI6ImZhdWx0LXMzY3IzdCJ9";
    /** The edge lets 1.5 MB per second through to the patient's computer: an upload takes seconds, not milliseconds. */
    static final long EDGE_RATE = 1_536 * 1024;

    @TempDir
    Path dir;
    Path data;
    Path fakeBin;
    Path pidFile;
    Path stateFile;
    FakeEdge edge;
    Serve serve;
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
    void setUp() throws Exception {
        data = dir.resolve("data");
        new VaultCreator(new SecureRandom()).create(data, PASSPHRASE, new KdfParams(1024, 1, 1));
        fakeBin = dir.resolve("fakebin");
        FakeCloudflared.install(fakeBin);
        pidFile = dir.resolve("cf.pids");
        stateFile = dir.resolve("cf.state");
        edge = new FakeEdge(stateFile, EDGE_RATE);
    }

    @AfterEach
    void tearDown() throws Exception {
        List<String> windows = new ArrayList<>(browser.getWindowHandles());
        for (String extra : windows.subList(1, windows.size())) {
            browser.switchTo().window(extra).close();
        }
        browser.switchTo().window(windows.getFirst());
        if (serve != null) {
            serve.process().destroy();
            assertThat(serve.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        edge.close();
        for (long pid : cloudflaredPids()) {
            assertThat(ForkedServe.gone(pid, 5000)).as("cloudflared %d gone after serve stopped", pid).isTrue();
        }
    }

    Serve startServe(String mode, String... env) throws IOException {
        ProcessBuilder pb = ForkedServe.java(fakeBin, pidFile, dir.resolve("cf.args"),
                "serve", "--data-dir", data.toString(), "--port", "0", "--tunnel", mode);
        pb.environment().put("FAKE_CF_STATEFILE", stateFile.toString());
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        return ForkedServe.start(pb, dir.resolve("serve.err"));
    }

    List<Long> cloudflaredPids() throws IOException {
        return Files.exists(pidFile) ? Files.readAllLines(pidFile).stream().map(String::trim).map(Long::parseLong).toList() : List.of();
    }

    /** {@code link create} as the patient runs it; returns the token of the printed link. */
    String linkCreate() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "link", "create", "--data-dir", data.toString(), "--label", "Praxis Dr. Muster");
        assertThat(code).as(err.toString()).isZero();
        String link = out.toString().strip();
        return link.substring(link.lastIndexOf('/') + 1);
    }

    void waitFor(Duration timeout, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, timeout).pollingEvery(Duration.ofMillis(100)).until(condition::apply);
    }

    void open(String url) {
        browser.get(url);
        waitFor(Duration.ofSeconds(30), d -> d.findElement(By.id("choose")).isDisplayed());
    }

    /** Chooses a file as the native picker would and presses Senden. */
    void send(Path file) {
        WebElement input = browser.findElement(By.id("file-input"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].style.display='block'", input);
        input.sendKeys(file.toString());
        ((JavascriptExecutor) browser).executeScript("arguments[0].style.display=''", input);
        browser.findElement(By.id("send")).click();
    }

    WebElement row() {
        return browser.findElement(By.cssSelector("#files li.file"));
    }

    String state() {
        return row().getDomAttribute("data-state");
    }

    String address() {
        return browser.findElement(By.id("upload-form")).getDomAttribute("data-address");
    }

    /** Kills the running cloudflared as a crash would (-9) and returns its pid. */
    long killCloudflared() throws IOException {
        long pid = cloudflaredPids().getLast();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        ReliabilityLedger.record(SUITE, ReliabilityLedger.FAULTS_INJECTED, 1);
        return pid;
    }

    void waitForBytesUp(long bytes) throws InterruptedException {
        long end = System.currentTimeMillis() + 60_000;
        while (edge.bytesUp() < bytes) {
            assertThat(System.currentTimeMillis()).as("upload reaches %d bytes through the edge", bytes).isLessThan(end);
            Thread.sleep(20);
        }
    }

    List<Path> partialUploads() throws IOException {
        Path tmp = data.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.toList();
        }
    }

    int documentCount() throws IOException {
        try (Database db = Database.open(data.resolve("vault.db"))) {
            return db.read(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM documents")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
        }
    }

    @Test
    @DisplayName("named tunnel: cloudflared is killed mid-upload, serve restarts it at the same address, the page shows"
            + " that it is reconnecting, resumes where it broke and completes; one document, exact")
    void namedTunnelResumes() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        new SettingsStore(data).save(Settings.defaults().withTunnelMode("named").withNamedTunnel(NAMED_TOKEN, port));
        serve = startServe("named", "FAKE_CF_ORIGIN", "http://127.0.0.1:" + port);
        String url = serve.await(l -> l.startsWith("Public URL: "), "Public URL").substring("Public URL: ".length());
        assertThat(url).isEqualTo("https://upload.example.org");
        String token = linkCreate();
        String base = edge.base(url);

        int size = (LONG ? 20 : 6) * 1024 * 1024;
        byte[] pdf = Fixtures.bigPdf(size, 81);
        Path file = Files.write(dir.resolve("Arztbrief_Mustermann.pdf"), pdf);
        open(base + "/u/" + token);
        assertThat(address()).isEqualTo("fixed");
        send(file);

        int deaths = LONG ? 3 : 1;
        for (int i = 1; i <= deaths; i++) {
            waitForBytesUp((long) size * i / (deaths + 1));
            long killed = killCloudflared();
            waitFor(Duration.ofSeconds(20), d -> "reconnecting".equals(state()));
            assertThat(row().getText()).contains("Verbindung unterbrochen – neuer Versuch …");
            // serve's supervisor starts a new cloudflared; the edge carries the same address again
            long end = System.currentTimeMillis() + 30_000;
            while (!edge.up(url) || cloudflaredPids().getLast() == killed) {
                assertThat(System.currentTimeMillis()).as("tunnel back after death %d", i).isLessThan(end);
                Thread.sleep(50);
            }
            ReliabilityLedger.record(SUITE, ReliabilityLedger.FAULTS_SURVIVED, 1);
        }
        assertThat(edge.connectionsCut()).as("the deaths cut the upload").isGreaterThanOrEqualTo(deaths);

        waitFor(Duration.ofSeconds(90), d -> d.findElement(By.id("receipt")).isDisplayed());
        assertThat(browser.findElement(By.id("summary")).getText()).isEqualTo("Das Dokument wurde empfangen.");
        assertThat(browser.findElement(By.cssSelector("#receipt .receipt-hash")).getText()).isEqualTo(PracticeServer.sha256(pdf));
        ReliabilityLedger.record(SUITE, ReliabilityLedger.DOCS_CONFIRMED, 1);
        assertThat(edge.bytesUp()).as("resumed where it broke, not sent again from the first byte")
                .isLessThan(size + 512 * 1024L);
        assertThat(partialUploads()).as("no partial upload left behind").isEmpty();

        assertThat(inbox()).as("one document, exact").containsExactly("Arztbrief_Mustermann.pdf " + PracticeServer.sha256(pdf));
        ReliabilityLedger.record(SUITE, ReliabilityLedger.DOCS_INTACT, 1);
    }

    /** Stops serve and reads the inbox as the patient's app does: "name sha256" of every document. */
    List<String> inbox() throws Exception {
        serve.process().destroy();
        assertThat(serve.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        serve = null;
        List<String> found = new ArrayList<>();
        try (UnlockedVault inbox = new Unlocker(new SecureRandom()).withPassphrase(data, PASSPHRASE.clone())) {
            for (DocumentInfo doc : inbox.documents()) {
                try (InputStream in = inbox.open(doc.id())) {
                    found.add(doc.name() + " " + PracticeServer.sha256(in.readAllBytes()));
                }
            }
        }
        return found;
    }

    @Test
    @DisplayName("quick tunnel: cloudflared is killed mid-upload and comes back at a new address; the page, in German"
            + " and with ?lang=en in English, says the connection broke and the link probably changed, and stops trying;"
            + " the new link works")
    void quickTunnelSaysTheLinkChanged() throws Exception {
        serve = startServe("quick");
        String first = serve.await(l -> l.startsWith("Public URL: "), "Public URL").substring("Public URL: ".length());
        String token = linkCreate();
        String oldBase = edge.base(first);

        int size = 6 * 1024 * 1024;
        Path file = Files.write(dir.resolve("Befund.pdf"), Fixtures.bigPdf(size, 82));
        String german = browser.getWindowHandle();
        open(oldBase + "/u/" + token);
        assertThat(address()).isEqualTo("changes");
        send(file);
        String english = browser.switchTo().newWindow(WindowType.WINDOW).getWindowHandle();
        open(oldBase + "/u/" + token + "?lang=en");
        assertThat(address()).isEqualTo("changes");
        send(file);

        waitForBytesUp(2L * 1024 * 1024);
        waitFor(Duration.ofSeconds(20), d -> "sending".equals(state()));
        killCloudflared();
        String second = serve.await(l -> l.startsWith("Public URL: "), "a new Public URL").substring("Public URL: ".length());
        assertThat(second).isNotEqualTo(first);

        for (String window : List.of(english, german)) {
            browser.switchTo().window(window);
            waitFor(Duration.ofSeconds(60), d -> "error".equals(state()));
        }
        browser.switchTo().window(german);
        assertThat(row().findElement(By.className("file-error")).getText()).isEqualTo(
                "Die Verbindung zum Computer der Patientin oder des Patienten ist abgebrochen. Der Link hat sich"
                        + " wahrscheinlich geändert. Bitte fragen Sie die Patientin oder den Patienten nach dem neuen Link"
                        + " und senden Sie die Datei damit erneut.");
        assertThat(browser.findElement(By.id("summary")).getText()).startsWith("Kein Dokument wurde empfangen.");
        assertThat(browser.findElement(By.id("retry")).isDisplayed()).isTrue();
        browser.switchTo().window(english);
        assertThat(row().findElement(By.className("file-error")).getText()).isEqualTo(
                "The connection to the patient's computer broke. The link has probably changed. Please ask the patient"
                        + " for the new link and send the file again with it.");
        // the pages gave up: a bounded number of tries reached the old address, then none
        int tries = edge.answeredDown(first);
        assertThat(tries).as("requests to the dead address").isBetween(1, 20);
        assertThat(edge.up(first)).isFalse();
        assertThat(documentCount()).isZero();

        // the patient sends the new link; the practice sends the file again through it
        String newBase = edge.base(second);
        byte[] small = Fixtures.bigPdf(300 * 1024, 83);
        Path again = Files.write(dir.resolve("Befund_neu.pdf"), small);
        open(newBase + "/u/" + token + "?lang=en");
        send(again);
        waitFor(Duration.ofSeconds(60), d -> d.findElement(By.id("receipt")).isDisplayed());
        assertThat(browser.findElement(By.cssSelector("#receipt .receipt-hash")).getText()).isEqualTo(PracticeServer.sha256(small));
        assertThat(edge.answeredDown(first)).as("no more tries at the old address").isEqualTo(tries);
        ReliabilityLedger.record(SUITE, ReliabilityLedger.FAULTS_SURVIVED, 1);
        ReliabilityLedger.record(SUITE, ReliabilityLedger.DOCS_CONFIRMED, 1);
        assertThat(inbox()).as("only the document sent again, exact").containsExactly("Befund_neu.pdf " + PracticeServer.sha256(small));
        ReliabilityLedger.record(SUITE, ReliabilityLedger.DOCS_INTACT, 1);
    }
}
