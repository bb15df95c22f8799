package de.patientenversand.links;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.Unlocker;
import de.patientenversand.vault.VaultCreator;
import de.patientenversand.vault.WriteSide;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("links: tokens, sealed labels, token-bound page data, expiry and revocation")
class LinkServiceTest {
    static final char[] PASS = "pw pw pw pw".toCharArray();
    @TempDir
    Path dir;
    WriteSide vault;
    MutableClock clock = new MutableClock();

    LinkService service() {
        String recipient = vault.recipient().value();
        return new LinkService(vault.database(), new LinkPageData(dir.resolve("links"), new SecureRandom()),
                new AgeSealer(recipient), recipient, clock, new SecureRandom());
    }

    @BeforeEach
    void vault() throws Exception {
        new VaultCreator(new SecureRandom()).create(dir, PASS, new KdfParams(1024, 1, 1));
        vault = WriteSide.open(dir);
    }

    @Test
    @DisplayName("a new link has a 43-character base64url token, 30 days by default, and a 6-character check code that the lookup repeats")
    void create() throws Exception {
        LinkService links = service();
        CreatedLink link = links.create("Praxis Dr. Muster", LinkService.DEFAULT_VALIDITY, null, "Erika Mustermann");
        assertThat(link.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(link.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
        assertThat(link.checkCode()).matches("[2-9A-HJ-NP-Z]{6}");
        assertThat(link.url("http://127.0.0.1:8080/")).isEqualTo("http://127.0.0.1:8080/u/" + link.token());
        var valid = (LinkLookup.Valid) links.lookup(link.token());
        assertThat(valid.link().label()).isEqualTo("Praxis Dr. Muster");
        assertThat(valid.link().patientName()).isEqualTo("Erika Mustermann");
        assertThat(valid.link().checkCode()).isEqualTo(link.checkCode()).isEqualTo(CheckCode.of(link.token(), vault.recipient().value()));
        vault.close();
        vault = null;
    }

    @Test
    @DisplayName("a stolen data dir reveals neither token, label nor patient's name: no file holds them in the clear")
    void stolenDataDir() throws Exception {
        CreatedLink link = service().create("Praxis Geheimlabel", Duration.ofDays(3), null, "Erika Geheimname");
        vault.close();
        vault = null;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                assertThat(content).as(p.toString()).doesNotContain(link.token()).doesNotContain("Geheimlabel")
                        .doesNotContain("Geheimname");
            }
        }
        assertThat(new LinkPageData(dir.resolve("links"), new SecureRandom())
                .read(link.id(), LinkToken.generate(new SecureRandom()))).isNull();
    }

    @Test
    @DisplayName("unknown, revoked and expired tokens are told apart; the unlocked vault lists labels and tokens")
    void lifecycle() throws Exception {
        LinkService links = service();
        CreatedLink a = links.create("Praxis A", Duration.ofDays(1), null, "Erika");
        CreatedLink b = links.create("Praxis B", Duration.ofHours(1), 5, "Erika");
        assertThat(links.lookup(LinkToken.generate(new SecureRandom()))).isInstanceOf(LinkLookup.Unknown.class);
        assertThat(links.lookup("kurz")).isInstanceOf(LinkLookup.Unknown.class);
        assertThat(links.revoke(a.id())).isTrue();
        assertThat(links.lookup(a.token())).isInstanceOf(LinkLookup.Revoked.class);
        clock.advance(Duration.ofHours(2));
        assertThat(links.lookup(b.token())).isInstanceOf(LinkLookup.Expired.class);
        assertThat(links.list(null)).allSatisfy(l -> assertThat(l.label()).isNull());
        vault.close();
        vault = null;
        try (var unlocked = new Unlocker(new SecureRandom()).withPassphrase(dir, PASS)) {
            String recipient = Files.readString(dir.resolve("recipient.txt")).strip();
            var listed = new LinkService(unlocked.database(), new LinkPageData(dir.resolve("links"), new SecureRandom()),
                    new AgeSealer(recipient), recipient, clock, new SecureRandom()).list(unlocked::unseal);
            assertThat(listed).extracting(LinkInfo::label).containsExactlyInAnyOrder("Praxis A", "Praxis B");
            assertThat(listed).extracting(LinkInfo::token).containsExactlyInAnyOrder(a.token(), b.token());
            assertThat(listed.stream().filter(l -> l.id().equals(b.id())).findFirst().orElseThrow().quota()).isEqualTo(5);
        }
    }

    @Test
    @DisplayName("link keys differ per purpose and per token")
    void keys() {
        String t = LinkToken.generate(new SecureRandom());
        assertThat(LinkKeys.derive(t, "page")).hasSize(32).isNotEqualTo(LinkKeys.derive(t, "consent"))
                .isNotEqualTo(LinkKeys.derive(LinkToken.generate(new SecureRandom()), "page"));
        vault.close();
        vault = null;
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        if (vault != null) {
            vault.close();
        }
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
