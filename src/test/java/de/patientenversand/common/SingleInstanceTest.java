package de.patientenversand.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("One app per vault: a second start reaches the running one")
class SingleInstanceTest {
    @TempDir
    Path dataDir;

    @Test
    @DisplayName("each second start asks the running app to show its window, and the socket is the patient's alone")
    void secondStartsReachTheRunningApp() throws Exception {
        Semaphore shown = new Semaphore(0);
        try (SingleInstance running = SingleInstance.listen(dataDir, shown::release)) {
            assertThat(SingleInstance.activateRunning(dataDir)).isTrue();
            assertThat(SingleInstance.activateRunning(dataDir)).isTrue();
            assertThat(shown.tryAcquire(2, 5, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.getPosixFilePermissions(dataDir.resolve(SingleInstance.SOCKET_FILE)))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(dataDir.resolve(SingleInstance.SOCKET_FILE)).doesNotExist();
        assertThat(SingleInstance.activateRunning(dataDir)).as("nobody listens any more").isFalse();
    }

    @Test
    @DisplayName("a socket file left by a crashed app is neither answered nor in the way of the next app")
    void staleSocketFile() throws Exception {
        Files.writeString(dataDir.resolve(SingleInstance.SOCKET_FILE), "");
        assertThat(SingleInstance.activateRunning(dataDir)).isFalse();
        Semaphore shown = new Semaphore(0);
        try (SingleInstance running = SingleInstance.listen(dataDir, shown::release)) {
            assertThat(SingleInstance.activateRunning(dataDir)).isTrue();
            assertThat(shown.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    @DisplayName("anything but the one request is ignored: no window, and the app still answers the next real start")
    void otherRequestsIgnored() throws Exception {
        Semaphore shown = new Semaphore(0);
        try (SingleInstance running = SingleInstance.listen(dataDir, shown::release)) {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(dataDir.resolve(SingleInstance.SOCKET_FILE)));
                ch.write(ByteBuffer.wrap("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                ch.shutdownOutput();
                assertThat(ch.read(ByteBuffer.allocate(16))).as("no answer, connection closed").isEqualTo(-1);
            }
            assertThat(shown.tryAcquire(300, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(SingleInstance.activateRunning(dataDir)).isTrue();
            assertThat(shown.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
