package de.patientenversand.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cloudflare's edge, as far as a test needs it: the fake cloudflared's other half, so that its
 * death matters. For each public address the fake announces in its state file
 * ({@code FAKE_CF_STATEFILE}: {@code online PID URL ORIGIN}), the edge opens a loopback port that
 * stands for that address and forwards TCP to the origin — but only while that cloudflared
 * process is alive and registered. When it stops, loses its connections or is killed with -9,
 * every connection through it is cut at once, and new requests get what Cloudflare answers for
 * a tunnel that is not connected: 530 with an HTML page (error 1033). A named tunnel comes back
 * on the same port; a quick tunnel's next start announces a new address, which gets a new port,
 * and the old one stays dead. Bytes towards the origin can be throttled, so that an upload lasts
 * long enough to be cut.
 */
public final class FakeEdge implements AutoCloseable {
    private static final byte[] TUNNEL_ERROR_PAGE = ("<!DOCTYPE html><html lang=\"en-US\"><head><title>Cloudflare Tunnel error"
            + "</title></head><body><h1>Error 1033</h1><p>Cloudflare Tunnel error</p></body></html>")
            .getBytes(StandardCharsets.UTF_8);

    private final Path stateFile;
    private final long upBytesPerSecond;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicInteger cut = new AtomicInteger();
    private final Thread watcher;
    private volatile boolean closed;
    private int linesRead;

    /**
     * @param stateFile        the fake's {@code FAKE_CF_STATEFILE}
     * @param upBytesPerSecond throttle per connection towards the origin (0: none)
     */
    public FakeEdge(Path stateFile, long upBytesPerSecond) {
        this.stateFile = stateFile;
        this.upBytesPerSecond = upBytesPerSecond;
        watcher = new Thread(this::watch, "fake-edge-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * The loopback base URL ({@code http://127.0.0.1:PORT}) standing for {@code publicUrl}, once
     * a tunnel has announced that address (waits up to 30 s).
     */
    public String base(String publicUrl) throws InterruptedException {
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end) {
            Route r = routes.get(publicUrl);
            if (r != null) {
                return "http://127.0.0.1:" + r.server.getLocalPort();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no tunnel announced " + publicUrl);
    }

    /** True while a live tunnel carries {@code publicUrl}. */
    public boolean up(String publicUrl) {
        Route r = routes.get(publicUrl);
        return r != null && r.current != null;
    }

    /** Bytes forwarded towards the origin, over all addresses and connections. */
    public long bytesUp() {
        return bytesUp.get();
    }

    /** Browser connections cut because their tunnel went away. */
    public int connectionsCut() {
        return cut.get();
    }

    /** Requests to {@code publicUrl} answered 530 because no tunnel carried it. */
    public int answeredDown(String publicUrl) {
        Route r = routes.get(publicUrl);
        return r == null ? 0 : r.answeredDown.get();
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
        for (Route r : routes.values()) {
            r.down();
            try {
                r.server.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private void watch() {
        while (!closed) {
            try {
                readState();
                for (Route r : routes.values()) {
                    Tunnel t = r.current;
                    if (t != null && !FakeCloudflared.alive(t.pid())) {
                        r.down();
                    }
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // the state file is being written: read again next time
            }
        }
    }

    private void readState() throws IOException {
        if (!Files.exists(stateFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(stateFile);
        for (; linesRead < lines.size(); linesRead++) {
            String[] f = lines.get(linesRead).strip().split("\\s+");
            if (f.length == 0 || f[0].isEmpty()) {
                continue;
            }
            long pid = Long.parseLong(f[1]);
            switch (f[0]) {
                case "online" -> {
                    URI origin = URI.create(f[3]);
                    Route r = routes.computeIfAbsent(f[2], Route::new);
                    r.up(new Tunnel(pid, origin.getHost(), origin.getPort()));
                }
                case "offline", "stopped" -> routes.values().stream()
                        .filter(r -> r.current != null && r.current.pid() == pid).forEach(Route::down);
                default -> throw new IllegalStateException("unknown state line " + lines.get(linesRead));
            }
        }
    }

    private record Tunnel(long pid, String host, int port) {
    }

    /** One public address: its loopback port, the tunnel carrying it (or none) and the connections through it. */
    private final class Route {
        final ServerSocket server;
        final Set<Connection> open = ConcurrentHashMap.newKeySet();
        final AtomicInteger answeredDown = new AtomicInteger();
        volatile Tunnel current;

        Route(String publicUrl) {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Thread.ofVirtual().name("fake-edge " + publicUrl).start(this::accept);
        }

        synchronized void up(Tunnel t) {
            if (current != null && current.pid() != t.pid()) {
                down();
            }
            current = t;
        }

        /** The tunnel is gone: every connection through it ends now. */
        synchronized void down() {
            current = null;
            cut.addAndGet(open.size());
            for (Connection c : open) {
                c.close();
            }
            open.clear();
        }

        void accept() {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    return;
                }
                Thread.ofVirtual().start(() -> serve(client));
            }
        }

        private void serve(Socket client) {
            Tunnel t = current;
            if (t == null) {
                answerDown(client);
                return;
            }
            Socket origin;
            try {
                origin = new Socket(t.host(), t.port());
            } catch (IOException e) {
                answerDown(client);
                return;
            }
            Connection c = new Connection(client, origin);
            synchronized (this) {
                if (current != t) {
                    close(origin);
                    answerDown(client);
                    return;
                }
                open.add(c);
            }
            Thread.ofVirtual().start(() -> c.pump(client, origin, upBytesPerSecond, true));
            Thread.ofVirtual().start(() -> c.pump(origin, client, 0, false));
        }

        /** One browser connection and its counterpart at the origin; closed when both directions ended. */
        private final class Connection {
            final Socket client;
            final Socket origin;
            final AtomicInteger ended = new AtomicInteger();

            Connection(Socket client, Socket origin) {
                this.client = client;
                this.origin = origin;
            }

            void pump(Socket from, Socket to, long rate, boolean up) {
                byte[] buf = new byte[16 * 1024];
                long start = System.nanoTime();
                long sent = 0;
                try {
                    InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream();
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.write(buf, 0, n);
                        out.flush();
                        sent += n;
                        if (up) {
                            bytesUp.addAndGet(n);
                        }
                        if (rate > 0) {
                            long wait = start + sent * 1_000_000_000L / rate - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                        }
                    }
                    to.shutdownOutput();
                    if (ended.incrementAndGet() == 2) {
                        close();
                    }
                } catch (IOException | InterruptedException e) {
                    close();
                }
            }

            void close() {
                open.remove(this);
                Route.close(client);
                Route.close(origin);
            }
        }

        /** What Cloudflare answers while no tunnel carries the address: 530 and its error page. */
        private void answerDown(Socket client) {
            answeredDown.incrementAndGet();
            try (client) {
                client.setSoTimeout(2000);
                InputStream in = client.getInputStream();
                StringBuilder head = new StringBuilder();
                int c;
                while (head.length() < 16_384 && (c = in.read()) >= 0) {
                    head.append((char) c);
                    if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                        break;
                    }
                }
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 530 \r\nServer: cloudflare\r\nContent-Type: text/html; charset=UTF-8\r\n"
                        + "Cache-Control: private, max-age=0, no-store, no-cache, must-revalidate\r\n"
                        + "Content-Length: " + TUNNEL_ERROR_PAGE.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(TUNNEL_ERROR_PAGE);
                out.flush();
                client.shutdownOutput();
                // read what the client still sends (a request body), so that it sees the answer, not a reset
                long end = System.currentTimeMillis() + 1000;
                byte[] sink = new byte[16 * 1024];
                while (System.currentTimeMillis() < end && in.read(sink) >= 0) {
                    // discard
                }
            } catch (SocketTimeoutException e) {
                // the client sent nothing more
            } catch (IOException e) {
                // the client went away
            }
        }

        private static void close(Socket s) {
            try {
                s.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
    }
}
