package de.patientenversand.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import de.patientenversand.ui.common.I18n;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The app's words")
class BundlesTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = BundlesTest.class.getResourceAsStream("/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    @DisplayName("German and English have exactly the same keys, and every text is a valid message pattern")
    void sameKeysBothWays() throws IOException {
        Properties de = load("ui.properties");
        Properties en = load("ui_en.properties");
        assertThat(en.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(de.stringPropertyNames());
        for (Properties p : new Properties[] {de, en}) {
            for (String key : p.stringPropertyNames()) {
                assertThatCode(() -> new MessageFormat(p.getProperty(key), Locale.GERMAN).format(new Object[] {1, 2, 3}))
                        .as(key).doesNotThrowAnyException();
                assertThat(p.getProperty(key)).as(key).isNotBlank();
            }
        }
    }

    @Test
    @DisplayName("every key the ui code names exists in both bundles")
    void everyKeyInCodeExists() throws IOException {
        Set<String> de = I18n.forLanguage("de").bundle().keySet();
        Set<String> en = I18n.forLanguage("en").bundle().keySet();
        Pattern literal = Pattern.compile("\"([a-z][a-zA-Z]*(?:\\.[a-zA-Z0-9]+)+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/de/patientenversand/ui"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        used.remove(I18n.BUNDLE);
        assertThat(used).hasSizeGreaterThan(100);
        Set<String> missing = new HashSet<>(used);
        missing.removeIf(k -> de.contains(k) && en.contains(k));
        assertThat(missing).as("keys used in code but missing in a bundle").isEmpty();
    }

    @Test
    @DisplayName("German is the base and English is English, whatever the computer's own language")
    void languages() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.ENGLISH);
            assertThat(I18n.forLanguage("de").text("tab.inbox")).isEqualTo("Posteingang");
            Locale.setDefault(Locale.GERMAN);
            assertThat(I18n.forLanguage("en").text("tab.inbox")).isEqualTo("Inbox");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    @DisplayName("sizes read 2,4 MB and dates 3. Dezember 2026, 14:05")
    void formats() {
        var f = new de.patientenversand.ui.common.Formats(I18n.forLanguage("de"), java.time.ZoneId.of("Europe/Berlin"));
        assertThat(f.size(2_516_582)).isEqualTo("2,4 MB");
        assertThat(f.size(512)).isEqualTo("512 Bytes");
        assertThat(f.dateTime(java.time.Instant.parse("2026-12-03T13:05:00Z"))).isEqualTo("3. Dezember 2026, 14:05");
        var e = new de.patientenversand.ui.common.Formats(I18n.forLanguage("en"), java.time.ZoneId.of("Europe/Berlin"));
        assertThat(e.size(2_516_582)).isEqualTo("2.4 MB");
    }
}
