package de.patientenversand.bench;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.io.InputStream;
import java.net.InetSocketAddress;

/**
 * The transport limit of issue #9 (1a): an Undertow endpoint on loopback that reads every byte
 * of a request body in the same blocking style as {@code serve} (worker thread, 16 KiB reads)
 * and throws it away. It answers {@code 100 Continue} when the body is read, as {@code serve}
 * does, so curl's {@code Expect} costs the same on both. Run with the test class path:
 * {@code java -cp … NullUploadServer PORT}; prints {@code Listening on http://127.0.0.1:PORT}.
 */
public final class NullUploadServer {
    private NullUploadServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        HttpHandler discard = new HttpHandler() {
            @Override
            public void handleRequest(HttpServerExchange exchange) throws Exception {
                if (exchange.isInIoThread()) {
                    exchange.dispatch(this);
                    return;
                }
                exchange.startBlocking();
                long total = 0;
                byte[] buf = new byte[16 * 1024];
                try (InputStream in = exchange.getInputStream()) {
                    for (int n; (n = in.read(buf)) != -1; ) {
                        total += n;
                    }
                }
                exchange.setStatusCode(201);
                exchange.getResponseSender().send("{\"read\":" + total + "}");
            }
        };
        Undertow server = Undertow.builder()
                .setIoThreads(2)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 200L * 1024 * 1024)
                .addHttpListener(port, "127.0.0.1", new HttpContinueReadHandler(discard))
                .build();
        server.start();
        int bound = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        System.out.println("Listening on http://127.0.0.1:" + bound);
        System.out.flush();
    }
}
