package de.patientenversand.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the request letter to a practice")
class RequestLetterTest {
    final RequestLetter letter = new RequestLetter(ZoneId.of("Europe/Berlin"));
    final RequestLetter.Data data = new RequestLetter.Data("Łukasz Żółć", LocalDate.of(1980, 4, 23), "Hauptstraße 5\n12345 Musterstadt",
            "Praxis Dr. Ğül Öztürk", "Praxisweg 1\n10115 Berlin", "https://beispiel.trycloudflare.com/u/AbCdEf", "K7QX2M",
            LocalDate.of(2026, 12, 3));

    @Test
    @DisplayName("asks for copies under Art. 15 DSGVO and § 630g BGB, free first copy, one month, with link and check code")
    void text() {
        String t = letter.text(data).replace('\u00A0', ' ');
        assertThat(t).contains("Art. 15 DSGVO", "§ 630g BGB", "Art. 15 Abs. 3 DSGVO", "unentgeltlich",
                "innerhalb eines Monats", "Art. 12 Abs. 3 DSGVO", "https://beispiel.trycloudflare.com/u/AbCdEf", "K7QX2M",
                "Anlage: Einwilligung", "Łukasz Żółć");
    }

    @Test
    @DisplayName("the PDF carries the edited practice name and address and appends the consent as its last pages")
    void pdfWithConsent() throws Exception {
        byte[] consent = new ConsentPdf(ZoneId.of("Europe/Berlin")).render(
                ConsentPdfTest.data("Łukasz Żółć", "Praxis Dr. Ğül Öztürk", null, "Łukasz Żółć"), Instant.parse("2027-01-01T00:00:00Z"), 1);
        PdfFacts alone = new PdfFacts(letter.pdf(data));
        PdfFacts both = new PdfFacts(letter.pdf(data, consent));
        assertThat(alone.text).contains("Praxis Dr. Ğül Öztürk", "Praxisweg 1", "10115 Berlin", "K7QX2M", "3. Dezember 2026");
        assertThat(both.pages).isEqualTo(alone.pages + new PdfFacts(consent).pages);
        assertThat(both.text).contains("Einwilligung in die Übermittlung");
    }

    @Test
    @DisplayName("a letter without the patient's name or the practice is refused")
    void required() {
        var noName = new RequestLetter.Data(" ", null, null, "Praxis", null, "https://x/u/y", "K7QX2M", LocalDate.now());
        assertThatThrownBy(() -> letter.text(noName)).hasFieldOrPropertyWithValue("key", "consent.missing.name");
        var noPractice = new RequestLetter.Data("Erika", null, null, "", null, "https://x/u/y", "K7QX2M", LocalDate.now());
        assertThatThrownBy(() -> letter.text(noPractice)).hasFieldOrPropertyWithValue("key", "consent.missing.practice");
    }
}
