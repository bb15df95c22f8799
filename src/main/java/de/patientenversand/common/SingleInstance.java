package de.patientenversand.common;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One desktop app per vault: a second start asks the running app to bring its window to the
 * front and then ends. The running app listens on a Unix domain socket {@code app.sock} in the
 * data folder, which is the patient's own (0700); no network port is opened, so nothing outside
 * the patient's account can reach it. The exchange is one line each way ({@code PV1 show} /
 * {@code PV1 ok}); nothing else is accepted.
 */
public final class SingleInstance implements AutoCloseable {
    public static final String SOCKET_FILE = "app.sock";
    static final String REQUEST = "PV1 show\n";
    static final String ANSWER = "PV1 ok\n";
    private static final Logger LOG = LoggerFactory.getLogger(SingleInstance.class);

    private final ServerSocketChannel server;
    private final Path socket;
    private final Runnable onActivate;

    private SingleInstance(ServerSocketChannel server, Path socket, Runnable onActivate) {
        this.server = server;
        this.socket = socket;
        this.onActivate = onActivate;
    }

    /**
     * Listens for second starts. Call only while holding the vault's app lock, so a socket file
     * left by a crashed app can safely be replaced.
     *
     * @param onActivate runs (on a listener thread) whenever a second start asks for the window
     */
    public static SingleInstance listen(Path dataDir, Runnable onActivate) throws IOException {
        Path socket = dataDir.resolve(SOCKET_FILE);
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            OwnerOnlyFiles.restrict(socket);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        SingleInstance instance = new SingleInstance(server, socket, onActivate);
        Thread.ofPlatform().daemon().name("app-single-instance").start(instance::acceptLoop);
        return instance;
    }

    /**
     * Asks the app that runs for {@code dataDir} to show its window.
     *
     * @return true if a running app answered; false if none listens (or it cannot be reached)
     */
    public static boolean activateRunning(Path dataDir) {
        Path socket = dataDir.resolve(SOCKET_FILE);
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ch.write(ByteBuffer.wrap(REQUEST.getBytes(StandardCharsets.US_ASCII)));
            return ANSWER.equals(readLine(ch));
        } catch (IOException | RuntimeException e) {
            LOG.info("No running app answered ({})", e.getClass().getSimpleName());
            return false;
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().name("app-single-instance-client").start(() -> answer(client));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("Second-start listener failed ({})", e.getClass().getSimpleName());
                return;
            }
        }
    }

    private void answer(SocketChannel client) {
        try (client) {
            if (REQUEST.equals(readLine(client))) {
                client.write(ByteBuffer.wrap(ANSWER.getBytes(StandardCharsets.US_ASCII)));
                onActivate.run();
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("Second-start request dropped ({})", e.getClass().getSimpleName());
        }
    }

    /** Reads one short line (at most 64 bytes); anything longer is not ours. */
    private static String readLine(SocketChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64);
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                break;
            }
            if (buf.position() > 0 && buf.get(buf.position() - 1) == '\n') {
                break;
            }
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
    }

    /** Stops listening and removes the socket file. */
    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.info("Could not remove the second-start socket ({})", e.getClass().getSimpleName());
        }
    }
}
