package de.patientenversand.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.patientenversand.common.UserException;
import de.patientenversand.links.LinkToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("consent versions and receipts stored under the link's token-derived key")
class ConsentServiceTest {
    @TempDir
    Path dir;
    final SecureRandom random = new SecureRandom();
    final String linkId = "0123456789abcdef";
    final String token = LinkToken.generate(random);
    final Instant now = Instant.parse("2026-12-03T12:00:00Z");

    ConsentService service() {
        return new ConsentService(new LinkBoundFiles(dir.resolve("links"), random), new ConsentPdf(ZoneId.of("Europe/Berlin")),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    @DisplayName("changing the consent makes a new version; the old one stays readable")
    void versions() throws Exception {
        ConsentService consents = service();
        assertThat(consents.exists(linkId)).isFalse();
        assertThat(consents.latest(linkId, token)).isNull();
        consents.set(linkId, token, now.plus(Duration.ofDays(30)),
                ConsentPdfTest.data("Erika Mustermann", "Praxis Dr. Muster", null, "Erika Mustermann"));
        consents.set(linkId, token, now.plus(Duration.ofDays(30)),
                ConsentPdfTest.data("Erika Musterfrau", "Praxis Dr. Muster", null, "Erika Musterfrau"));
        assertThat(consents.versions(linkId)).containsExactly(1, 2);
        assertThat(new PdfFacts(consents.version(linkId, token, 1)).text).contains("Erika Mustermann");
        assertThat(new PdfFacts(consents.latest(linkId, token)).text).contains("Erika Musterfrau", "Fassung 2");
    }

    @Test
    @DisplayName("on disk the consent is ciphertext that opens only with its own link's token")
    void encrypted() throws Exception {
        ConsentService consents = service();
        consents.set(linkId, token, now.plusSeconds(3600), ConsentPdfTest.data("Erika Mustermann", "Praxis", null, "Erika"));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(raw).doesNotContain("%PDF", "Mustermann", token);
            }
        }
        assertThat(consents.latest(linkId, LinkToken.generate(random))).isNull();
        assertThat(consents.latest(linkId, token)).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    @DisplayName("a consent with missing fields is not stored at all")
    void invalidNotStored() throws Exception {
        ConsentService consents = service();
        assertThatThrownBy(() -> consents.set(linkId, token, now, ConsentPdfTest.data("", "Praxis", null, "E")))
                .isInstanceOf(UserException.class);
        assertThat(consents.versions(linkId)).isEmpty();
    }

    @Test
    @DisplayName("a receipt opens for the same link for 24 hours after the upload, then no more; never with another token")
    void receiptWindow() throws Exception {
        Instant[] clock = {now};
        Clock moving = new Clock() {
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return clock[0];
            }
        };
        ReceiptStore store = new ReceiptStore(new LinkBoundFiles(dir.resolve("links"), random), p -> p.clone(), moving);
        byte[] pdf = "%PDF-1.7 receipt".getBytes(StandardCharsets.US_ASCII);
        store.store(linkId, token, "sub123", now, pdf);
        assertThat(store.forPractice(linkId, token, "sub123")).isEqualTo(pdf);
        assertThat(store.forPractice(linkId, LinkToken.generate(random), "sub123")).isNull();
        assertThat(store.forPractice("fedcba9876543210", token, "sub123")).isNull();
        assertThat(store.forPractice(linkId, token, "../../x")).isNull();
        clock[0] = now.plus(Duration.ofHours(24)).plusSeconds(1);
        assertThat(store.forPractice(linkId, token, "sub123")).isNull();
        assertThat(store.forPatient(linkId, "sub123", s -> s)).isEqualTo(pdf);
    }
}
