package de.patientenversand.upload;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.xnio.Options;

/**
 * The Undertow core server (no servlet container, see docs/decisions/0002). Each listener gets
 * the same router behind its own chain: security headers, then the catch-all error handler,
 * then the client-address strategy of that listener, whether its public address is stable, then
 * the header-size check. Every
 * protocol limit is set here explicitly (T18): header size and count, total body size,
 * idle/read/parse timeouts. The server binds only to the addresses it is given.
 */
public final class UploadServer implements AutoCloseable {

    /**
     * One listening socket; port 0 picks a free port. {@code addressChangesOnRestart}: the public
     * address in front of it (a quick tunnel's) is replaced when the app starts again.
     */
    public record Listener(String host, int port, ClientAddressResolver addresses, boolean addressChangesOnRestart) {
        public Listener(String host, int port, ClientAddressResolver addresses) {
            this(host, port, addresses, false);
        }
    }

    private final UploadLimits limits;
    private final HttpHandler router;
    private final ErrorResponder errors;
    private final List<Listener> listeners;
    private Undertow undertow;

    public UploadServer(UploadLimits limits, HttpHandler router, ErrorResponder errors, List<Listener> listeners) {
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("no listener");
        }
        this.limits = limits;
        this.router = router;
        this.errors = errors;
        this.listeners = List.copyOf(listeners);
    }

    public synchronized void start() {
        if (undertow != null) {
            throw new IllegalStateException("already started");
        }
        int idleMs = (int) limits.idleTimeout().toMillis();
        Undertow.Builder b = Undertow.builder()
                .setIoThreads(2)
                .setWorkerThreads(Math.max(16, limits.maxConcurrentUploads() + 16))
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderBytes() * 4)
                .setServerOption(UndertowOptions.MAX_HEADERS, 100)
                .setServerOption(UndertowOptions.MAX_PARAMETERS, 100)
                .setServerOption(UndertowOptions.MAX_COOKIES, 0)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, limits.maxRequestBytes())
                .setServerOption(UndertowOptions.MULTIPART_MAX_ENTITY_SIZE, limits.maxRequestBytes())
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, idleMs)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, idleMs)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, idleMs)
                .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
                .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, false)
                .setServerOption(UndertowOptions.DECODE_URL, true)
                .setServerOption(UndertowOptions.URL_CHARSET, "UTF-8")
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
                .setSocketOption(Options.READ_TIMEOUT, idleMs)
                .setSocketOption(Options.WRITE_TIMEOUT, idleMs);
        for (Listener l : listeners) {
            // Expect: 100-continue (curl, scripts, many HTTP libraries; browsers never send it) is
            // answered when a handler starts reading the body, so a refusal (404, 413, 503) goes out
            // before the body and a request that is read does not wait for the client's timeout
            HttpHandler chain = new SecurityHeadersHandler(new HttpContinueReadHandler(new CatchAllHandler(errors,
                    new ClientAddressHandler(l.addresses(), new AddressStability(l.addressChangesOnRestart(),
                            new HeaderSizeHandler(limits.maxHeaderBytes(), router))))));
            b.addHttpListener(l.port(), l.host(), chain);
        }
        undertow = b.build();
        undertow.start();
    }

    /** The bound port of the n-th listener (after {@link #start()}). */
    public synchronized int port(int listener) {
        List<Undertow.ListenerInfo> infos = new ArrayList<>(undertow.getListenerInfo());
        return ((InetSocketAddress) infos.get(listener).getAddress()).getPort();
    }

    public int port() {
        return port(0);
    }

    public synchronized void stop() {
        if (undertow != null) {
            undertow.stop();
            undertow = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
