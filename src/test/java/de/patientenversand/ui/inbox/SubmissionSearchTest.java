package de.patientenversand.ui.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.vault.DocumentInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The inbox search over submissions")
class SubmissionSearchTest {
    private static final Instant T = Instant.parse("2026-12-03T14:00:00Z");

    private static DocumentInfo doc(String id, String submission, String name, String sender, String message,
                                    String link) {
        return new DocumentInfo(id, submission, name, 1, "00", "application/pdf", T, sender, message, link, true,
                "ok", false);
    }

    private static final List<Submission> ALL = Submission.group(List.of(
            doc("d1", "s1", "Röntgen Thorax.pdf", "Radiologie Nord", "Bitte ansehen", "Hausarzt"),
            doc("d2", "s1", "Befund.pdf", "Radiologie Nord", "Bitte ansehen", "Hausarzt"),
            doc("d3", "s2", "Laborwerte.pdf", "", "", null),
            doc("d4", "s3", "Brief.pdf", "Praxis Süd", "Ihr ÄRZTEBRIEF", "Orthopädie")));

    @ParameterizedTest(name = "\"{0}\" finds {1}")
    @CsvSource(delimiter = '|', value = {
        "röntgen|s1", "  THORAX |s1", "befund|s1", "radiologie nord|s1", "hausarzt|s1", "bitte|s1",
        "laborwerte|s2", "süd|s3", "ärztebrief|s3", "orthopädie|s3", "pdf|s1 s2 s3", "zahnarzt|''",
        "nord befund|''"})
    void finds(String query, String expected) {
        List<String> found = ALL.stream().filter(s -> s.matches(query)).map(Submission::id).sorted().toList();
        assertThat(String.join(" ", found)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "blank query \"{0}\" shows everything")
    @CsvSource(value = {"''", "'   '"})
    void blank(String query) {
        assertThat(ALL).allMatch(s -> s.matches(query));
        assertThat(ALL).allMatch(s -> s.matches(null));
    }
}
