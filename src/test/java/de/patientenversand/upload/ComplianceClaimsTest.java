package de.patientenversand.upload;

import static de.patientenversand.upload.PracticeServer.b64;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.links.CreatedLink;
import de.patientenversand.links.LinkToken;
import de.patientenversand.vault.Retention;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * One test per claim of the compliance page ({@code id="claim-…"} in
 * {@code compliance_de.html} and {@code compliance_en.html}); {@link #everyClaimHasATest} fails
 * when the page gains a claim this class does not test.
 */
@DisplayName("every claim of the compliance page holds")
class ComplianceClaimsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> TESTED = Set.of("claim-sealed-on-arrival", "claim-no-plaintext-on-disk", "claim-token-hashed",
            "claim-expiry-revocation", "claim-rate-limit", "claim-security-headers", "claim-no-cookies",
            "claim-no-personal-logs", "claim-receipt-same-link", "claim-retention");
    static final byte[] CANARY = "%PDF-1.4\n% CANARY-plaintext-7d1e4b\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    @TempDir
    Path dir;
    PracticeServer server;
    TusClient tus;

    @BeforeEach
    void start() throws Exception {
        server = new PracticeServer(dir, PracticeServer.limits(), Duration.ofHours(4));
        tus = new TusClient(server.port(), server.linkPath());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String deliver(String fileName, byte[] bytes) throws Exception {
        RawHttp.Response opened = RawHttp.post(server.port(), server.linkPath() + "/submissions", "application/json",
                "{\"sender\":\"CANARY-sender\"}".getBytes(StandardCharsets.UTF_8), "Accept: application/json");
        String submission = JSON.readTree(opened.body()).path("submission").asText();
        RawHttp.Response created = tus.create(bytes.length, "filename " + b64(fileName) + ",submission " + b64(submission));
        assertThat(tus.patch(tus.uploadPath(created), 0, bytes).status()).isEqualTo(204);
        assertThat(RawHttp.post(server.port(), server.linkPath() + "/submissions/" + submission + "/complete",
                "application/json", new byte[0], "Accept: application/json").status()).isEqualTo(201);
        return submission;
    }

    List<Path> allFiles() throws Exception {
        try (Stream<Path> s = Files.walk(server.dataDir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    static boolean contains(byte[] hay, byte[] needle) {
        return new String(hay, StandardCharsets.ISO_8859_1).contains(new String(needle, StandardCharsets.ISO_8859_1));
    }

    @Test
    @DisplayName("the page's claim ids are exactly the claims this class tests, in German and English")
    void everyClaimHasATest() throws Exception {
        for (String lang : List.of("de", "en")) {
            String html = RawHttp.get(server.port(), "/compliance?lang=" + lang).body();
            Set<String> ids = new TreeSet<>();
            Matcher m = Pattern.compile("id=\"(claim-[a-z-]+)\"").matcher(html);
            while (m.find()) {
                ids.add(m.group(1));
            }
            assertThat(ids).as(lang).isEqualTo(new TreeSet<>(TESTED));
        }
    }

    @Test
    @DisplayName("/compliance is German by default, English by Accept-Language or ?lang=en, with no inline script or style")
    void languagesAndNoInline() throws Exception {
        RawHttp.Response de = RawHttp.get(server.port(), "/compliance");
        assertThat(de.status()).isEqualTo(200);
        assertThat(de.body()).contains("<html lang=\"de\">", "Art. 9 Abs. 2 lit. a", "Art. 6 Abs. 1 lit. a", "Cloudflare");
        assertThat(RawHttp.get(server.port(), "/compliance", "Accept-Language: en-GB,en;q=0.8").body()).contains("<html lang=\"en\">");
        assertThat(RawHttp.get(server.port(), "/compliance?lang=en").body()).contains("Art. 9 (2) (a)");
        for (String html : List.of(de.body(), RawHttp.get(server.port(), "/compliance?lang=en").body())) {
            assertThat(html).doesNotContain("<script", "<style", "style=\"", "onclick", "http://", "src=\"https://");
        }
        RawHttp.Response svg = RawHttp.get(server.port(), "/compliance/dataflow.svg");
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.header("content-type")).startsWith("image/svg+xml");
        assertThat(svg.body()).contains("Cloudflare").doesNotContain("<script");
        assertThat(RawHttp.get(server.port(), "/compliance/compliance.css").status()).isEqualTo(200);
        assertThat(RawHttp.get(server.port(), "/compliance/..%2Fupload%2Fpage.html").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("claim-sealed-on-arrival: each stored document is an age v1 file with exactly one X25519 stanza")
    void sealedOnArrival() throws Exception {
        deliver("Befund.pdf", CANARY);
        List<Path> blobs = allFiles().stream().filter(p -> p.toString().endsWith(".age") && p.startsWith(server.vault.layout().blobs())).toList();
        assertThat(blobs).isNotEmpty();
        for (Path blob : blobs) {
            String head = new String(Files.readAllBytes(blob), StandardCharsets.ISO_8859_1);
            assertThat(head).startsWith("age-encryption.org/v1\n-> X25519 ");
            assertThat(head.split("\n-> ", -1)).hasSize(2);
        }
        assertThat(server.unlockAndRead()).singleElement().satisfies(d -> assertThat(d.bytes()).isEqualTo(CANARY));
    }

    @Test
    @DisplayName("claim-no-plaintext-on-disk: after an upload no file in the data dir holds the document's bytes, name or sender")
    void noPlaintextOnDisk() throws Exception {
        deliver("CANARY-file-name.pdf", CANARY);
        for (Path f : allFiles()) {
            byte[] bytes = Files.readAllBytes(f);
            assertThat(contains(bytes, "CANARY".getBytes(StandardCharsets.US_ASCII))).as(f.toString()).isFalse();
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> s = Files.list(tmp)) {
            for (Path f : s.filter(Files::isRegularFile).filter(p -> Files.isReadable(p)).toList()) {
                try {
                    assertThat(contains(Files.readAllBytes(f), "CANARY-plaintext-7d1e4b".getBytes(StandardCharsets.US_ASCII)))
                            .as(f.toString()).isFalse();
                } catch (java.io.IOException e) {
                    // vanished or unreadable: not ours
                }
            }
        }
    }

    @Test
    @DisplayName("claim-token-hashed: the token appears nowhere on disk, only its SHA-256 in the database")
    void tokenHashed() throws Exception {
        deliver("Befund.pdf", Fixtures.PDF);
        String token = server.link.token();
        byte[] raw = Base64.getUrlDecoder().decode(token);
        boolean hashFound = false;
        for (Path f : allFiles()) {
            byte[] bytes = Files.readAllBytes(f);
            assertThat(contains(bytes, token.getBytes(StandardCharsets.US_ASCII))).as(f.toString()).isFalse();
            assertThat(contains(bytes, raw)).as(f.toString()).isFalse();
            hashFound |= contains(bytes, LinkToken.hash(token));
        }
        assertThat(hashFound).as("SHA-256 of the token in vault.db").isTrue();
        assertThat(HexFormat.of().formatHex(LinkToken.hash(token))).hasSize(64);
    }

    @Test
    @DisplayName("claim-expiry-revocation: an expired link and a revoked link answer 410 and take no upload")
    void expiryAndRevocation() throws Exception {
        CreatedLink expiring = server.links.create("Praxis A", Duration.ofDays(1), null, "Erika");
        server.links.expire(expiring.id());
        RawHttp.Response expired = RawHttp.get(server.port(), "/u/" + expiring.token(), "Accept: application/json");
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("link_expired");
        server.links.revoke(server.link.id());
        RawHttp.Response revoked = tus.create(CANARY.length, "filename " + b64("x.pdf"));
        assertThat(revoked.status()).isEqualTo(410);
        assertThat(revoked.body()).contains("link_revoked");
        assertThat(server.documentCount()).isZero();
    }

    @Test
    @DisplayName("claim-rate-limit: repeated unknown links from one address get 429")
    void rateLimit() throws Exception {
        int status = 0;
        for (int i = 0; i < 60 && status != 429; i++) {
            status = RawHttp.get(server.port(), "/u/" + "A".repeat(42) + i, "Accept: application/json").status();
        }
        assertThat(status).isEqualTo(429);
    }

    @Test
    @DisplayName("claim-security-headers: page, PDFs, errors, compliance page and health all carry the security headers")
    void securityHeaders() throws Exception {
        String submission = deliver("Befund.pdf", Fixtures.PDF);
        for (RawHttp.Response r : everyKindOfResponse(submission)) {
            assertThat(r.header("content-security-policy")).contains("default-src 'self'", "frame-ancestors 'none'");
            assertThat(r.header("referrer-policy")).isEqualTo("no-referrer");
            assertThat(r.header("x-content-type-options")).isEqualTo("nosniff");
            assertThat(r.header("cache-control")).isEqualTo("no-store");
            assertThat(r.header("x-robots-tag")).isEqualTo("noindex");
        }
    }

    @Test
    @DisplayName("claim-no-cookies: no response sets a cookie, and the page script uses no browser storage")
    void noCookies() throws Exception {
        String submission = deliver("Befund.pdf", Fixtures.PDF);
        for (RawHttp.Response r : everyKindOfResponse(submission)) {
            assertThat(r.headers()).doesNotContainKey("set-cookie");
        }
        String script = Files.readString(Path.of("web/src/upload.js"));
        assertThat(script).doesNotContain("localStorage", "sessionStorage", "document.cookie", "indexedDB")
                .contains("storeFingerprintForResuming: false");
        assertThat(RawHttp.get(server.port(), server.linkPath()).body()).doesNotContain("src=\"http", "href=\"http");
    }

    List<RawHttp.Response> everyKindOfResponse(String submission) throws Exception {
        List<RawHttp.Response> all = new ArrayList<>();
        all.add(RawHttp.get(server.port(), server.linkPath()));
        all.add(RawHttp.get(server.port(), server.linkPath() + "/receipt/" + submission + ".pdf"));
        all.add(RawHttp.get(server.port(), server.linkPath() + "/consent.pdf"));
        all.add(RawHttp.get(server.port(), "/u/unknown-token-of-the-right-length-000000000"));
        all.add(RawHttp.get(server.port(), "/compliance"));
        all.add(RawHttp.get(server.port(), "/compliance/dataflow.svg"));
        all.add(RawHttp.get(server.port(), "/health"));
        all.add(RawHttp.get(server.port(), "/nichts"));
        return all;
    }

    @Test
    @DisplayName("claim-no-personal-logs: a canary token, file name and sender reach no log line")
    void noPersonalLogs() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(ctx);
        captured.start();
        root.addAppender(captured);
        ch.qos.logback.classic.Level before = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            String submission = deliver("CANARY-name.pdf", CANARY);
            RawHttp.get(server.port(), server.linkPath() + "/receipt/" + submission + ".pdf");
            RawHttp.get(server.port(), "/u/CANARYtokenCANARYtokenCANARYtokenCANARYtok7/consent.pdf");
        } finally {
            root.setLevel(before);
            root.detachAppender(captured);
        }
        assertThat(captured.list).isNotEmpty();
        for (ILoggingEvent e : captured.list) {
            assertThat(e.getFormattedMessage()).doesNotContain("CANARY", server.link.token());
        }
    }

    @Test
    @DisplayName("claim-receipt-same-link: the receipt opens only with the link it was sent through")
    void receiptSameLink() throws Exception {
        String submission = deliver("Befund.pdf", Fixtures.PDF);
        CreatedLink other = server.links.create("Praxis B", Duration.ofDays(1), null, "Erika");
        assertThat(RawHttp.get(server.port(), server.linkPath() + "/receipt/" + submission + ".pdf").status()).isEqualTo(200);
        assertThat(RawHttp.get(server.port(), "/u/" + other.token() + "/receipt/" + submission + ".pdf").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("claim-retention: automatic deletion after N days removes blob, sidecars and row and logs an event without personal data")
    void retention() throws Exception {
        deliver("CANARY-old.pdf", CANARY);
        Retention now = new Retention(server.vault.database(), server.vault.layout(), Clock.systemUTC());
        assertThat(now.prune(30)).isZero();
        assertThat(server.documentCount()).isEqualTo(1);

        Instant later = Instant.now().plus(Duration.ofDays(31));
        assertThat(new Retention(server.vault.database(), server.vault.layout(), Clock.fixed(later, ZoneOffset.UTC)).prune(30))
                .isEqualTo(1);
        assertThat(server.documentCount()).isZero();
        assertThat(allFiles()).noneMatch(p -> p.startsWith(server.vault.layout().blobs()));
        List<String[]> events = server.vault.database().read(c -> {
            List<String[]> out = new ArrayList<>();
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT kind, detail FROM events")) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return out;
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e[0]).isEqualTo(Retention.EVENT_KIND);
            assertThat(e[1]).isEqualTo("{\"count\":1,\"days\":30}");
        });
        assertThat(events).allSatisfy(e -> assertThat(String.join(" ", e[0], String.valueOf(e[1]))).doesNotContain("CANARY"));
    }
}
