package de.patientenversand.upload;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@DisplayName("no token, file name or header ever reaches a log line")
class CanaryLogTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("uploads and bad requests with a canary token and file name leave no trace of either in any log line")
    void canary() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(ctx);
        captured.start();
        root.addAppender(captured);
        ctx.getLogger("io.undertow").setLevel(ch.qos.logback.classic.Level.DEBUG);
        String canaryToken = "CANARYtokenCANARYtokenCANARYtokenCANARYtok7";
        String canaryName = "CANARY-name-9f2c.pdf";
        try (TestServer server = new TestServer(dir, TestServer.smallLimits())) {
            server.upload(new Body().file(canaryName, Fixtures.PDF).end(), "X-Canary: " + canaryToken);
            server.upload(new Body().file(canaryName, "<html><script>x</script>".getBytes()).end());
            server.upload(new Body().file(canaryName, Fixtures.bigPdf(70_000, 5)).end());
            server.upload(new Body().raw("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + canaryName + "\"\r\n\r\n%PDF"));
            RawHttp.get(server.port(), "/u/" + canaryToken);
            RawHttp.post(server.port(), "/u/" + canaryToken + "/upload", Body.TYPE, new Body().file(canaryName, Fixtures.PDF).end().bytes());
            RawHttp.post(server.port(), server.uploadPath(), "multipart/form-data; boundary=a; boundary=b", new byte[10]);
        } finally {
            root.detachAppender(captured);
            ctx.getLogger("io.undertow").setLevel(null);
        }
        for (ILoggingEvent e : captured.list) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            assertThat(line).doesNotContain("CANARY").doesNotContain("canary");
        }
    }
}
