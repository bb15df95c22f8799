package de.patientenversand.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.patientenversand.common.UserException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("the consent (Einwilligung) as PDF")
class ConsentPdfTest {
    static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    static final Instant EXPIRES = Instant.parse("2027-01-02T10:00:00Z");
    final ConsentPdf renderer = new ConsentPdf(ZoneId.of("Europe/Berlin"));

    static ConsentData data(String name, String practice, byte[] png, String typed) {
        return new ConsentData(name, LocalDate.of(1980, 4, 23), "Hauptstraße 5\n12345 Musterstadt", practice,
                ConsentData.DEFAULT_SCOPE, png, typed, TODAY);
    }

    @Test
    @DisplayName("names outside Latin-1 (Łukasz Żółć, Ğül) come out as written, in an embedded font")
    void nonLatin1() throws Exception {
        byte[] pdf = renderer.render(data("Łukasz Żółć-Ğül", "Praxis Dr. Ünal Çelik", null, "Łukasz Żółć"), EXPIRES, 1);
        PdfFacts facts = new PdfFacts(pdf);
        assertThat(facts.text).contains("Łukasz Żółć-Ğül", "Praxis Dr. Ünal Çelik", "23. April 1980", "Hauptstraße 5");
        assertThat(facts.fonts).allMatch(f -> f.contains("DejaVuSans"));
        assertThat(facts.fontsEmbedded).isNotEmpty().allMatch(Boolean::booleanValue);
    }

    @Test
    @DisplayName("it says who consents to what, that the data passes through Cloudflare (USA), that it is revocable, and gives a SHA-256")
    void content() throws Exception {
        ConsentData d = data("Erika Mustermann", "Praxis Dr. Muster", PdfFacts.signaturePng(), null);
        PdfFacts facts = new PdfFacts(renderer.render(d, EXPIRES, 2));
        String flat = facts.text.replaceAll("\\s+", " ");
        assertThat(flat).contains("Erika Mustermann", "Praxis Dr. Muster", "Befunde, Arztbriefe, Bilder",
                "Cloudflare", "USA", "technisch lesen", "Widerruf", "jederzeit", "Art. 9 Abs. 2 lit. a",
                "2. Januar 2027", "3. Dezember 2026", "Fassung 2", ConsentPdf.contentHash(d, EXPIRES, 2));
        assertThat(facts.pages).isBetween(1, 2);
    }

    @Test
    @DisplayName("very long names, practice labels and words wrap inside the page and never run past the right margin")
    void longTextWraps() throws Exception {
        String longName = "Maximiliane-Friederike Świętosława von und zu Hohenzollern-Sigmaringen-Lichtenstein ".repeat(2).strip();
        String longPractice = "Gemeinschaftspraxis " + "Dr.Allgemeinmedizin-Innere-Medizin-Kardiologie-".repeat(4) + " Berlin";
        ConsentData d = new ConsentData(longName, LocalDate.of(1980, 4, 23), "W".repeat(400), longPractice,
                "Befunde ".repeat(200), PdfFacts.signaturePng(), null, TODAY);
        PdfFacts facts = new PdfFacts(renderer.render(d.validated(TODAY), EXPIRES, 1));
        assertThat(facts.maxRightEdge()).isLessThanOrEqualTo(facts.pageWidth - PdfComposer.MARGIN + 0.5f);
        assertThat(facts.text.replaceAll("\\s+", "")).contains("W".repeat(400));
    }

    @ParameterizedTest(name = "{0} missing: {1}")
    @CsvSource({"name,consent.missing.name,Name", "birthDate,consent.missing.birthDate,Geburtsdatum",
        "practice,consent.missing.practice,Praxis", "scope,consent.missing.scope,Welche Unterlagen",
        "signature,consent.missing.signature,Unterschrift"})
    @DisplayName("a missing required field is refused with a message naming the field")
    void missingField(String field, String key, String german) {
        ConsentData d = data("Erika Mustermann", "Praxis Dr. Muster", null, "Erika Mustermann");
        ConsentData broken = switch (field) {
            case "name" -> new ConsentData(" ", d.birthDate(), null, d.practice(), d.scope(), null, "E", TODAY);
            case "birthDate" -> new ConsentData(d.name(), null, null, d.practice(), d.scope(), null, "E", TODAY);
            case "practice" -> new ConsentData(d.name(), d.birthDate(), null, "", d.scope(), null, "E", TODAY);
            case "scope" -> new ConsentData(d.name(), d.birthDate(), null, d.practice(), null, null, "E", TODAY);
            default -> new ConsentData(d.name(), d.birthDate(), null, d.practice(), d.scope(), new byte[0], "  ", TODAY);
        };
        assertThatThrownBy(() -> broken.validated(TODAY)).isInstanceOfSatisfying(UserException.class, e -> {
            assertThat(e.key()).isEqualTo(key);
            assertThat(e.text(Locale.GERMAN)).contains("„" + german + "“");
            assertThat(e.text(Locale.ENGLISH)).doesNotContain(key);
        });
    }

    @Test
    @DisplayName("a birth date in the future, a non-PNG signature and a name over 200 characters are refused")
    void badValues() {
        ConsentData future = new ConsentData("A", TODAY.plusDays(1), null, "P", "S", null, "A", TODAY);
        assertThatThrownBy(() -> future.validated(TODAY)).hasFieldOrPropertyWithValue("key", "consent.bad.birthDate");
        ConsentData notPng = new ConsentData("A", LocalDate.of(1980, 1, 1), null, "P", "S", "GIF89a....".getBytes(), null, TODAY);
        assertThatThrownBy(() -> notPng.validated(TODAY)).hasFieldOrPropertyWithValue("key", "consent.bad.signature");
        ConsentData tooLong = new ConsentData("x".repeat(201), LocalDate.of(1980, 1, 1), null, "P", "S", null, "A", TODAY);
        assertThatThrownBy(() -> tooLong.validated(TODAY)).hasFieldOrPropertyWithValue("key", "consent.tooLong.name");
    }

    @Test
    @DisplayName("a character the font lacks (a CJK ideograph) prints as ? instead of failing the whole consent")
    void unknownGlyph() throws Exception {
        byte[] pdf = renderer.render(data("Erika \u6F22 Mustermann", "Praxis", null, "Erika"), EXPIRES, 1);
        assertThat(new PdfFacts(pdf).text).contains("Erika ? Mustermann");
    }
}
