package de.patientenversand.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("file names are reduced to safe display names exactly as DESIGN.md section 6 says")
class FileNameSanitizerTest {
    final FileNameSanitizer s = new FileNameSanitizer();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = " => ", ignoreLeadingAndTrailingWhitespace = false, value = {
        "CON.pdf => CON_.pdf",
        "con => con_",
        "LPT9.tar.gz => LPT9_.tar.gz",
        "COM10.pdf => COM10.pdf",
        "aux.txt => aux_.txt",
        "a<b>c:d\"e|f?g*h.pdf => abcdefgh.pdf",
        "Befund. . . => Befund",
        "dir/sub\\Scan.pdf => Scan.pdf",
        "    => Dokument",
        "... => Dokument",
        "Tab\there.pdf => Tabhere.pdf"})
    void rules(String raw, String expected) {
        assertThat(s.sanitize(raw)).isEqualTo(expected);
    }

    @Test
    @DisplayName("NFD becomes NFC; an empty or missing name becomes Dokument")
    void nfcAndEmpty() {
        assertThat(s.sanitize("U\u0308bersicht.pdf")).isEqualTo("\u00dcbersicht.pdf");
        assertThat(s.sanitize("")).isEqualTo("Dokument");
        assertThat(s.sanitize(null)).isEqualTo("Dokument");
    }

    @Test
    @DisplayName("long names keep the extension and stay within 200 characters and 240 bytes, cut between code points")
    void length() {
        String emoji = s.sanitize("😷".repeat(100) + ".jpg");
        assertThat(emoji.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(240);
        assertThat(emoji).endsWith(".jpg").doesNotContain("\uFFFD");
        assertThat(emoji.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF).count()).isZero();
        assertThat(s.sanitize("a".repeat(500) + ".pdf")).hasSize(200).endsWith(".pdf");
    }
}
