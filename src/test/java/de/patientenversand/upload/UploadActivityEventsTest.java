package de.patientenversand.upload;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.common.events.AppEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Events the upload server publishes for the activity log")
class UploadActivityEventsTest {
    @TempDir
    Path dir;

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> List<T> of(List<AppEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    @DisplayName("a tus upload over the limit is published as upload_refused with the link id and the code only")
    void tusRefusal() throws Exception {
        try (PracticeServer server = new PracticeServer(dir, PracticeServer.limits(), java.time.Duration.ofHours(1))) {
            RawHttp.Response r = RawHttp.post(server.port(), server.linkPath() + "/tus/", null, new byte[0],
                    "Tus-Resumable: 1.0.0", "Upload-Length: " + (PracticeServer.limits().maxFileBytes() + 1),
                    "Upload-Metadata: filename " + b64("Riesig.pdf"));
            assertThat(r.status()).isEqualTo(413);
            assertThat(of(server.events, UploadRefused.class))
                    .containsExactly(new UploadRefused(server.link.id(), "file_too_large"));
        }
    }

    @Test
    @DisplayName("unknown tokens are published with a keyed address hash and a count; reaching the limit once as rate_limited")
    void failedAttempts() throws Exception {
        try (TestServer server = new TestServer(dir, TestServer.smallLimits())) {
            int allowed = TestServer.smallLimits().failedLookupsAllowed();
            for (int i = 0; i < allowed + 3; i++) {
                RawHttp.get(server.port(), "/u/" + "A".repeat(42) + (char) ('a' + i));
            }
            List<LinkAttemptFailed> failed = of(server.events, LinkAttemptFailed.class);
            assertThat(failed).extracting(LinkAttemptFailed::count)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, allowed).boxed().toList());
            assertThat(failed).extracting(LinkAttemptFailed::addressHash).containsOnly(failed.get(0).addressHash());
            assertThat(failed.get(0).addressHash()).matches("[0-9a-f]{32}").doesNotContain("127");
            assertThat(of(server.events, RateLimited.class)).hasSize(1);
        }
    }
}
