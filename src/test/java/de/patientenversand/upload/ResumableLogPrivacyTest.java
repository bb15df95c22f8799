package de.patientenversand.upload;

import static de.patientenversand.upload.PracticeServer.b64;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@DisplayName("the page, submissions and tus log ids only: no token, file name, sender or message")
class ResumableLogPrivacyTest {
    @TempDir
    Path dir;
    PracticeServer server;
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    // every logger of our own code, at every level (Undertow's own TRACE output is off in logback.xml)
    Logger root = (Logger) LoggerFactory.getLogger("de.patientenversand");
    Level before;

    @BeforeEach
    void start() throws Exception {
        server = new PracticeServer(dir, PracticeServer.limits(), Duration.ofHours(4));
        before = root.getLevel();
        root.setLevel(Level.ALL);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stop() {
        root.detachAppender(logs);
        root.setLevel(before);
        server.close();
    }

    @Test
    @DisplayName("a page view, a submission, an interrupted and resumed upload, a refused file and a completion leave no canary in any log line")
    void noCanaryInLogs() throws Exception {
        String name = "Canary_Kerstin_Geheim.pdf";
        String sender = "Canary Praxis Geheim";
        String message = "Canary Nachricht Geheim";
        TusClient tus = new TusClient(server.port(), server.linkPath());
        RawHttp.get(server.port(), server.linkPath());
        String submission = new com.fasterxml.jackson.databind.ObjectMapper().readTree(RawHttp.post(server.port(),
                server.linkPath() + "/submissions", "application/json",
                ("{\"sender\":\"" + sender + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8))
                .body()).path("submission").asText();
        byte[] pdf = Fixtures.bigPdf(200_000, 31);
        String path = tus.uploadPath(tus.create(pdf.length, "filename " + b64(name) + ",submission " + b64(submission)));
        tus.patchAndDrop(path, 0, pdf, 90_000);
        Thread.sleep(300);
        long offset = Long.parseLong(tus.head(path).header("Upload-Offset"));
        tus.patch(path, offset, Arrays.copyOfRange(pdf, (int) offset, pdf.length));
        String bad = tus.uploadPath(tus.create(50, "filename " + b64("Canary_Html.pdf") + ",submission " + b64(submission)));
        tus.patch(bad, 0, "<html><script>x</script></html>                   ".getBytes(StandardCharsets.UTF_8));
        RawHttp.post(server.port(), server.linkPath() + "/submissions/" + submission + "/complete", null, new byte[0]);
        RawHttp.get(server.port(), "/u/" + server.link.token() + "x/tus/nothing");

        assertThat(server.documentCount()).isEqualTo(1);
        assertThat(logs.list).as("the resumable path does log its steps (by id)").isNotEmpty();
        assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage())
                .doesNotContain(server.link.token(), "Canary", "Kerstin", "Geheim", server.link.token().substring(0, 12)));
    }
}
