package de.patientenversand.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import de.patientenversand.links.CreatedLink;
import de.patientenversand.links.LinkDirectory;
import de.patientenversand.links.LinkLookup;
import de.patientenversand.links.LinkService;
import de.patientenversand.links.LinkToken;
import de.patientenversand.upload.Body;
import de.patientenversand.upload.ClientAddressResolver;
import de.patientenversand.upload.DiskSpace;
import de.patientenversand.upload.FileNameSanitizer;
import de.patientenversand.upload.Fixtures;
import de.patientenversand.upload.PracticeServer;
import de.patientenversand.upload.RawHttp;
import de.patientenversand.upload.TusClient;
import de.patientenversand.upload.TypeDetector;
import de.patientenversand.upload.UploadLimits;
import de.patientenversand.upload.UploadPolicy;
import de.patientenversand.upload.UploadServer;
import de.patientenversand.upload.UploadSlots;
import de.patientenversand.upload.UploadStack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise "nobody gets in without a valid link" (issue 8, item 5), against the real server on
 * loopback: tokens cannot be guessed, guessing is limited per address and never confirms a hit,
 * revoked and expired links are dead for new and running uploads, and an unknown token — also
 * one that differs from a real one in a single character — gets the same 404 in the same time.
 * Short by default; {@code -Dpv.long=true} generates more tokens and times more requests.
 */
@DisplayName("link security: unguessable tokens, limited guessing, dead links stay dead, misses tell nothing")
class LinkSecurityTest {
    static final boolean LONG = Boolean.getBoolean("pv.long");
    static final String SUITE = "link-security";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock();
    PracticeServer server;
    HttpClient http;

    @BeforeEach
    void start() throws Exception {
        server = new PracticeServer(dir.resolve("vault"), PracticeServer.limits(), Duration.ofHours(4), clock);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    static String error(String body) throws IOException {
        return JSON.readTree(body).path("error").asText();
    }

    /**
     * The real token with the character at {@code position} replaced by another one that the
     * position can hold (A and E are both valid in the last, 4-bit place).
     */
    static String nearMiss(String token, int position) {
        char c = token.charAt(position);
        char other = c == 'A' ? 'E' : 'A';
        return token.substring(0, position) + other + token.substring(position + 1);
    }

    @Nested
    @DisplayName("tokens cannot be guessed")
    class Entropy {
        @Test
        @DisplayName("tokens carry 256 random bits: 43 base64url characters, no repeats, no shared prefixes, each position uniform over its alphabet")
        void tokensAreRandom() throws Exception {
            int n = LONG ? 1_000_000 : 50_000;
            SecureRandom random = new SecureRandom();
            List<String> tokens = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tokens.add(LinkToken.generate(random));
            }
            TokenStatistics stats = new TokenStatistics(tokens);
            assertThat(stats.problems()).isEmpty();
            assertThat(TokenStatistics.formatBits()).as("bits the format carries").isEqualTo(256.0);
            assertThat(stats.entropyBits()).as("estimated entropy over %d tokens", n).isGreaterThan(250.0)
                    .isGreaterThanOrEqualTo(128.0);

            // the links the service hands out come from the same generator and never repeat
            List<String> created = new ArrayList<>();
            for (int i = 0; i < (LONG ? 2_000 : 200); i++) {
                created.add(server.links.create("Praxis " + i, Duration.ofDays(1), null, "").token());
            }
            assertThat(created).allMatch(LinkToken::wellFormed).doesNotHaveDuplicates();
            assertThat(new TokenStatistics(created).problems()).filteredOn(p -> !p.startsWith("position")).isEmpty();
        }

        @Test
        @DisplayName("the same checks reject weak generators: a small seed space, biased bytes, a counter in front")
        void checksCatchWeakGenerators() {
            int n = 50_000;
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            Random seeds = new Random(1);
            List<String> smallSeed = new ArrayList<>();
            List<String> biased = new ArrayList<>();
            List<String> counter = new ArrayList<>();
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < n; i++) {
                byte[] a = new byte[32];
                new Random(seeds.nextInt(20_000)).nextBytes(a);
                smallSeed.add(b64.encodeToString(a));
                byte[] b = new byte[32];
                random.nextBytes(b);
                for (int j = 0; j < b.length; j++) {
                    b[j] &= (byte) 0xfe; // one bit in eight stuck: still 224 bits, yet detectable
                }
                biased.add(b64.encodeToString(b));
                byte[] c = new byte[32];
                random.nextBytes(c);
                long stamp = 1_780_000_000_000L + i;
                for (int j = 0; j < 8; j++) {
                    c[j] = (byte) (stamp >>> (56 - 8 * j));
                }
                counter.add(b64.encodeToString(c));
            }
            assertThat(new TokenStatistics(smallSeed).problems()).anyMatch(p -> p.contains("repeated"));
            assertThat(new TokenStatistics(biased).problems()).anyMatch(p -> p.contains("not uniform"));
            assertThat(new TokenStatistics(counter).problems()).anyMatch(p -> p.contains("prefix"))
                    .anyMatch(p -> p.contains("not uniform"));
        }
    }

    @Nested
    @DisplayName("guessing is limited per address")
    class Guessing {
        static final InetAddress GUESSER = InetAddress.getLoopbackAddress();
        static final InetAddress PRACTICE = address("127.0.0.2");

        static InetAddress address(String literal) {
            return InetAddress.ofLiteral(literal);
        }

        @Test
        @DisplayName("after the limit an address gets 429 for every token, even the right one, so no guess is ever confirmed;"
                + " another address is not blocked; after the window the address may try again")
        void blockHidesHits() throws Exception {
            String token = server.link.token();
            int allowed = UploadLimits.defaults().failedLookupsAllowed();
            int tried = 0;
            int handled = 0;
            for (int i = 0; i < allowed; i++) {
                // near misses count like any other guess: a matching prefix buys nothing
                RawHttp.Response r = RawHttp.getFrom(GUESSER, server.port(), "/u/" + nearMiss(token, i * 4 % 43));
                tried++;
                assertThat(r.status()).isEqualTo(404);
                handled++;
            }
            RawHttp.Response blocked = RawHttp.getFrom(GUESSER, server.port(), "/u/" + nearMiss(token, 42));
            assertThat(blocked.status()).isEqualTo(429);
            assertThat(error(blocked.body())).isEqualTo("too_many_requests");

            // the right token from the blocked address: the very same answer as a wrong one
            RawHttp.Response hit = RawHttp.getFrom(GUESSER, server.port(), "/u/" + token);
            assertThat(hit.status()).as("a correct guess must not be confirmed during the block").isEqualTo(429);
            assertThat(withoutDate(hit.headers())).isEqualTo(withoutDate(blocked.headers()));
            assertThat(hit.body()).isEqualTo(blocked.body());
            assertThat(RawHttp.post(server.port(), "/u/" + token + "/upload", Body.TYPE,
                    new Body().file("Befund.pdf", Fixtures.PDF).end().bytes()).status()).isEqualTo(429);
            assertThat(new TusClient(server.port(), "/u/" + token).create(Fixtures.PDF.length, null).status()).isEqualTo(429);
            tried += 4;
            handled += 4;

            assertThat(RawHttp.getFrom(PRACTICE, server.port(), "/u/" + token).status())
                    .as("a practice at another address is not blocked").isEqualTo(200);
            assertThat(RawHttp.getFrom(PRACTICE, server.port(), "/u/" + nearMiss(token, 0)).status()).isEqualTo(404);

            clock.advance(UploadLimits.defaults().failedLookupWindow().plusSeconds(1));
            assertThat(RawHttp.getFrom(GUESSER, server.port(), "/u/" + token).status()).as("after the window").isEqualTo(200);
            assertThat(RawHttp.getFrom(GUESSER, server.port(), "/u/" + nearMiss(token, 5)).status()).isEqualTo(404);
            assertThat(server.documentCount()).isZero();
            tried += 2;
            handled += 2;
            ReliabilityLedger.record(SUITE, ReliabilityLedger.HOSTILE_TRIED, tried);
            ReliabilityLedger.record(SUITE, ReliabilityLedger.HOSTILE_HANDLED, handled);
        }

        @Test
        @DisplayName("a token guessed 1 000 times from one address: 404 for the allowance, 429 for all the rest")
        void thousandGuesses() throws Exception {
            int notFound = 0;
            int tooMany = 0;
            for (int i = 0; i < 1000; i++) {
                RawHttp.Response r = RawHttp.get(server.port(), "/u/guess" + i);
                if (r.status() == 404) {
                    notFound++;
                } else if (r.status() == 429) {
                    tooMany++;
                    assertThat(error(r.body())).isEqualTo("too_many_requests");
                }
            }
            assertThat(notFound).isEqualTo(UploadLimits.defaults().failedLookupsAllowed());
            assertThat(tooMany).isEqualTo(1000 - notFound);
            ReliabilityLedger.record(SUITE, ReliabilityLedger.HOSTILE_TRIED, 1000);
            ReliabilityLedger.record(SUITE, ReliabilityLedger.HOSTILE_HANDLED, notFound + tooMany);
        }
    }

    @Nested
    @DisplayName("revoked and expired links stay dead")
    class DeadLinks {
        @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
        @org.junit.jupiter.params.provider.ValueSource(strings = {"revoked", "expired"})
        @DisplayName("410 with its own code on every route: the page (German, English with ?lang=en), new deliveries,"
                + " multipart and tus uploads, and a tus upload already in progress; nothing is kept")
        void deadEverywhere(String how) throws Exception {
            CreatedLink link = server.links.create("Praxis Zwei", Duration.ofDays(1), null, "Erika Mustermann");
            String base = "/u/" + link.token();
            RawHttp.Response opened = RawHttp.post(server.port(), base + "/submissions", "application/json",
                    "{\"sender\":\"Praxis Zwei\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(opened.status()).isEqualTo(201);
            String submission = JSON.readTree(opened.body()).path("submission").asText();
            TusClient tus = new TusClient(server.port(), base);
            byte[] pdf = Fixtures.bigPdf(60_000, 11);
            RawHttp.Response created = tus.create(pdf.length, "filename " + PracticeServer.b64("Befund.pdf")
                    + ",submission " + PracticeServer.b64(submission));
            assertThat(created.status()).isEqualTo(201);
            String upload = tus.uploadPath(created);
            assertThat(tus.patch(upload, 0, Arrays.copyOf(pdf, 30_000)).status()).isEqualTo(204);

            if (how.equals("revoked")) {
                assertThat(server.links.revoke(link.id())).isTrue();
            } else {
                clock.advance(Duration.ofDays(1).plusSeconds(1));
            }
            String code = "link_" + how;

            RawHttp.Response page = RawHttp.get(server.port(), base, "Accept: text/html");
            assertThat(page.status()).isEqualTo(410);
            assertThat(page.body()).contains("<html lang=\"de\">").contains("neuen Link");
            RawHttp.Response english = RawHttp.get(server.port(), base + "?lang=en", "Accept: text/html");
            assertThat(english.status()).isEqualTo(410);
            assertThat(english.body()).contains("<html lang=\"en\">").contains("new link");
            Map<String, RawHttp.Response> answers = new LinkedHashMap<>();
            answers.put("page (JSON)", RawHttp.get(server.port(), base));
            answers.put("new delivery", RawHttp.post(server.port(), base + "/submissions", "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8)));
            answers.put("multipart upload", RawHttp.post(server.port(), base + "/upload", Body.TYPE,
                    new Body().file("Befund.pdf", Fixtures.PDF).end().bytes()));
            answers.put("tus creation", tus.create(pdf.length, "filename " + PracticeServer.b64("Befund.pdf")));
            answers.put("tus upload in progress: PATCH", tus.patch(upload, 30_000, Arrays.copyOfRange(pdf, 30_000, pdf.length)));
            answers.put("closing the delivery", RawHttp.post(server.port(),
                    base + "/submissions/" + submission + "/complete", "application/json", new byte[0]));
            answers.put("consent", RawHttp.get(server.port(), base + "/consent.pdf"));
            answers.forEach((what, r) -> {
                assertThat(r.status()).as(what).isEqualTo(410);
                try {
                    assertThat(error(r.body())).as(what).isEqualTo(code);
                } catch (IOException e) {
                    throw new AssertionError(what + ": no JSON error", e);
                }
            });
            HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(server.base() + upload))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Tus-Resumable", "1.0.0").build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).as("tus upload in progress: HEAD").isEqualTo(410);

            server.resumable.sweep();
            assertThat(server.partialFiles()).as("no partial upload kept").isEmpty();
            assertThat(server.documentCount()).isZero();
            ReliabilityLedger.record(SUITE, ReliabilityLedger.HOSTILE_TRIED, answers.size() + 3);
            ReliabilityLedger.record(SUITE, ReliabilityLedger.HOSTILE_HANDLED, answers.size() + 3);
        }
    }

    @Nested
    @DisplayName("an unknown token tells nothing")
    class Misses {
        @BeforeEach
        void generous() throws Exception {
            // these tests send hundreds of unknown tokens from one address: lift the limit
            server.close();
            server = new PracticeServer(dir.resolve("generous"),
                    PracticeServer.limits().withFailedLookups(1_000_000, Duration.ofMinutes(10)), Duration.ofHours(4), clock);
        }

        /** Unknown tokens: random ones, near misses of a live, a revoked and an expired link, malformed ones. */
        List<String> unknownTokens() throws IOException {
            String live = server.link.token();
            CreatedLink revoked = server.links.create("Praxis Alt", Duration.ofDays(1), null, "");
            server.links.revoke(revoked.id());
            CreatedLink expired = server.links.create("Praxis Abgelaufen", Duration.ofDays(1), null, "");
            server.links.expire(expired.id());
            int letter = IntStream.range(0, live.length()).filter(i -> Character.isLetter(live.charAt(i))).findFirst().orElseThrow();
            char flipped = Character.isUpperCase(live.charAt(letter))
                    ? Character.toLowerCase(live.charAt(letter)) : Character.toUpperCase(live.charAt(letter));
            return List.of(LinkToken.generate(new SecureRandom()), LinkToken.generate(new SecureRandom()),
                    nearMiss(live, 0), nearMiss(live, 21), nearMiss(live, 42), live + "A", live.substring(0, 42),
                    live.substring(0, letter) + flipped + live.substring(letter + 1),
                    nearMiss(revoked.token(), 42), nearMiss(expired.token(), 0),
                    "x", "A".repeat(43), "A".repeat(300), "-_-_", "Befund.pdf");
        }

        record Route(String name, Supplier<HttpRequest.Builder> request) {
        }

        List<Route> routes(String token) {
            String base = server.base() + "/u/" + token;
            HttpRequest.BodyPublisher multipart = HttpRequest.BodyPublishers.ofByteArray(
                    new Body().file("Befund.pdf", Fixtures.PDF).end().bytes());
            return List.of(
                    new Route("page for a browser", () -> get(base).header("Accept", "text/html")),
                    new Route("page in English", () -> get(base + "?lang=en").header("Accept", "text/html")),
                    new Route("page for a script", () -> get(base).header("Accept", "application/json")),
                    new Route("multipart upload", () -> HttpRequest.newBuilder(URI.create(base + "/upload"))
                            .header("Content-Type", Body.TYPE).POST(multipart)),
                    new Route("new delivery", () -> HttpRequest.newBuilder(URI.create(base + "/submissions"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))),
                    new Route("tus creation", () -> HttpRequest.newBuilder(URI.create(base + "/tus/"))
                            .header("Tus-Resumable", "1.0.0").header("Upload-Length", "1000")
                            .POST(HttpRequest.BodyPublishers.noBody())),
                    new Route("tus offset", () -> HttpRequest.newBuilder(URI.create(base + "/tus/0123456789abcdef"))
                            .header("Tus-Resumable", "1.0.0").method("HEAD", HttpRequest.BodyPublishers.noBody())),
                    new Route("tus data", () -> HttpRequest.newBuilder(URI.create(base + "/tus/0123456789abcdef"))
                            .header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
                            .header("Content-Type", "application/offset+octet-stream")
                            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(Fixtures.PDF))),
                    new Route("tus options", () -> HttpRequest.newBuilder(URI.create(base + "/tus/"))
                            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())),
                    new Route("tus termination", () -> HttpRequest.newBuilder(URI.create(base + "/tus/0123456789abcdef"))
                            .header("Tus-Resumable", "1.0.0").DELETE()),
                    new Route("consent", () -> get(base + "/consent.pdf")),
                    new Route("receipt", () -> get(base + "/receipt/0123456789abcdef.pdf")));
        }

        HttpRequest.Builder get(String url) {
            return HttpRequest.newBuilder(URI.create(url)).GET();
        }

        /** Status, headers without Date, body: what a prober can compare. */
        String answer(HttpResponse<String> r) {
            Map<String, List<String>> headers = new TreeMap<>(r.headers().map());
            headers.remove("date");
            return r.statusCode() + " " + headers + "\n" + r.body();
        }

        @Test
        @DisplayName("every unknown token gets the same 404 — status, headers and body — on every route,"
                + " also one that differs from a live, revoked or expired token in one character; the page is German, English with ?lang=en")
        void sameAnswer() throws Exception {
            List<String> tokens = unknownTokens();
            int probes = 0;
            int same = 0;
            for (int r = 0; r < routes("x").size(); r++) {
                String first = null;
                for (String token : tokens) {
                    Route route = routes(token).get(r);
                    HttpResponse<String> response = http.send(route.request().get().build(), HttpResponse.BodyHandlers.ofString());
                    probes++;
                    assertThat(response.statusCode()).as("%s, token %s", route.name(), token).isEqualTo(404);
                    String answer = answer(response);
                    if (first == null) {
                        first = answer;
                        if (!route.name().startsWith("page for a browser") && !route.name().equals("page in English")
                                && !route.name().equals("tus offset")) {
                            assertThat(error(response.body())).as(route.name()).isEqualTo("link_unknown");
                        }
                    }
                    assertThat(answer).as("%s, token %s", route.name(), token).isEqualTo(first);
                    same++;
                }
                if (r == 0) {
                    assertThat(first).contains("<html lang=\"de\">").contains("neuen Link");
                } else if (r == 1) {
                    assertThat(first).contains("<html lang=\"en\">").contains("new link");
                }
            }
            assertThat(server.documentCount()).isZero();
            ReliabilityLedger.record(SUITE, ReliabilityLedger.HOSTILE_TRIED, probes);
            ReliabilityLedger.record(SUITE, ReliabilityLedger.HOSTILE_HANDLED, same);
        }

        @Test
        @DisplayName("near misses of the live token take as long as random tokens (medians over interleaved tries),"
                + " and the same measurement does catch a lookup that leaks a shared prefix")
        void sameTiming() throws Exception {
            String live = server.link.token();
            Map<String, Supplier<String>> groups = new LinkedHashMap<>();
            SecureRandom random = new SecureRandom();
            groups.put("random", () -> LinkToken.generate(random));
            groups.put("last character differs", () -> nearMiss(live, 42));
            groups.put("first character differs", () -> nearMiss(live, 0));
            groups.put("one character more", () -> live + "A");
            int rounds = LONG ? 3_000 : 300;
            Map<String, Double> medians = medians(server.port(), groups, rounds);
            double base = medians.get("random");
            double bound = bound(base);
            for (var e : medians.entrySet()) {
                assertThat(Math.abs(e.getValue() - base)).as("median of %s vs random (%s µs)", e.getKey(), medians)
                        .isLessThanOrEqualTo(bound);
            }

            // the control: a directory that takes longer for tokens sharing 20 characters with the live one
            LinkDirectory leaky = new LinkDirectory() {
                @Override
                public LinkLookup lookup(String token) throws IOException {
                    if (token.length() >= 20 && token.regionMatches(0, live, 0, 20)) {
                        try {
                            Thread.sleep(LEAK);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return server.links.lookup(token);
                }

                @Override
                public boolean claimDocument(String linkId) {
                    return false;
                }

                @Override
                public void releaseDocument(String linkId) {
                }
            };
            UploadLimits limits = PracticeServer.limits().withFailedLookups(1_000_000, Duration.ofMinutes(10));
            UploadStack stack = new UploadStack(new UploadPolicy(limits, server.vault.documents(), leaky, new TypeDetector(),
                    new FileNameSanitizer(), DiskSpace.of(server.dataDir), new UploadSlots(4), e -> { }, clock));
            try (UploadServer leakyServer = stack.server(List.of(new UploadServer.Listener("127.0.0.1", 0, ClientAddressResolver.PEER)))) {
                leakyServer.start();
                Map<String, Supplier<String>> two = new LinkedHashMap<>();
                two.put("random", groups.get("random"));
                two.put("last character differs", groups.get("last character differs"));
                Map<String, Double> leak = medians(leakyServer.port(), two, 60);
                assertThat(leak.get("last character differs") - leak.get("random")).as("the control detects the leak: %s µs", leak)
                        .isGreaterThan(bound(leak.get("random")));
            }
            int probes = rounds * groups.size();
            ReliabilityLedger.record(SUITE, ReliabilityLedger.HOSTILE_TRIED, probes);
            ReliabilityLedger.record(SUITE, ReliabilityLedger.HOSTILE_HANDLED, probes);
        }

        static final long LEAK = 10;

        /** Generous: a quarter of the median, at least half a millisecond (a real leak is bigger, see the control). */
        double bound(double medianMicros) {
            return Math.max(500, medianMicros / 4);
        }

        /** Median answer time in µs per group; the groups take turns in a shuffled order each round. */
        Map<String, Double> medians(int port, Map<String, Supplier<String>> groups, int rounds) throws Exception {
            String base = "http://127.0.0.1:" + port + "/u/";
            for (int i = 0; i < 100; i++) {
                http.send(HttpRequest.newBuilder(URI.create(base + LinkToken.generate(new SecureRandom()))).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            Map<String, long[]> times = new LinkedHashMap<>();
            groups.keySet().forEach(g -> times.put(g, new long[rounds]));
            List<String> order = new ArrayList<>(groups.keySet());
            Random shuffle = new Random(7);
            for (int i = 0; i < rounds; i++) {
                Collections.shuffle(order, shuffle);
                for (String g : order) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + groups.get(g).get())).build();
                    long t0 = System.nanoTime();
                    HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                    times.get(g)[i] = System.nanoTime() - t0;
                    assertThat(r.statusCode()).isEqualTo(404);
                }
            }
            Map<String, Double> medians = new LinkedHashMap<>();
            times.forEach((g, t) -> {
                long[] sorted = t.clone();
                Arrays.sort(sorted);
                medians.put(g, sorted[sorted.length / 2] / 1000.0);
            });
            return medians;
        }

        @Test
        @DisplayName("in code: the token is looked up by its SHA-256 (a unique index) and compared with MessageDigest.isEqual, never as a string")
        void constantTimeLookupInCode() throws Exception {
            JavaClass service = new ClassFileImporter().importClasses(LinkService.class).get(LinkService.class);
            JavaMethod lookup = service.getMethod("lookup", String.class);
            Set<String> calls = lookup.getMethodCallsFromSelf().stream()
                    .map(JavaMethodCall::getTarget)
                    .map(t -> t.getOwner().getName() + "." + t.getName())
                    .collect(Collectors.toSet());
            assertThat(calls).contains(LinkToken.class.getName() + ".hash", "java.security.MessageDigest.isEqual");
            assertThat(calls).noneMatch(c -> c.matches(
                    "java\\.lang\\.String\\.(equals|equalsIgnoreCase|startsWith|endsWith|compareTo|contentEquals|regionMatches)"
                            + "|java\\.util\\.Arrays\\.(equals|compare|mismatch)|java\\.util\\.Objects\\.equals"));
            List<String> indexed = server.vault.database().read(c -> {
                List<String> columns = new ArrayList<>();
                try (var st = c.createStatement(); var rs = st.executeQuery("PRAGMA index_list('links')")) {
                    List<String> unique = new ArrayList<>();
                    while (rs.next()) {
                        if (rs.getInt("unique") == 1) {
                            unique.add(rs.getString("name"));
                        }
                    }
                    for (String index : unique) {
                        try (var info = c.createStatement().executeQuery("PRAGMA index_info('" + index + "')")) {
                            while (info.next()) {
                                columns.add(info.getString("name"));
                            }
                        }
                    }
                }
                return columns;
            });
            assertThat(indexed).as("a unique index on the hash: a lookup, not a scan").contains("token_hash");
        }
    }

    static Map<String, String> withoutDate(Map<String, String> headers) {
        Map<String, String> copy = new TreeMap<>(headers);
        copy.remove("date");
        return copy;
    }

    /** A mutable clock for windows and expiry. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
