package de.patientenversand.upload;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Debian's chromedriver. The driver path is given
 * explicitly so Selenium never tries to download one; without the tools the test is skipped
 * with a message saying what is missing.
 */
public final class BrowserSession {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private BrowserSession() {
    }

    public static ChromeDriver start() {
        return start(true, null);
    }

    /** A browser that saves downloads into {@code downloads} without asking. */
    public static ChromeDriver start(Path downloads) {
        return start(true, downloads);
    }

    /** With {@code javascript} false the browser behaves like one where the practice's IT switched script off. */
    public static ChromeDriver start(boolean javascript) {
        return start(javascript, null);
    }

    public static ChromeDriver start(boolean javascript, Path downloads) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium is missing (/usr/bin/chromium): apt-get install chromium");
        Assumptions.assumeTrue(Files.isExecutable(DRIVER),
                "chromedriver is missing (/usr/bin/chromedriver): apt-get install chromium-driver");
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--lang=de-DE", "--window-size=1280,900");
        // a German practice's browser: the page must come in German without ?lang
        java.util.Map<String, Object> prefs = new java.util.HashMap<>();
        prefs.put("intl.accept_languages", "de-DE,de");
        if (!javascript) {
            prefs.put("profile.managed_default_content_settings.javascript", 2);
        }
        if (downloads != null) {
            prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
            prefs.put("download.prompt_for_download", false);
            prefs.put("plugins.always_open_pdf_externally", true);
        }
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
