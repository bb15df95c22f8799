package de.patientenversand.upload;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.net.InetAddress;

/** Attaches the client address as the listener's {@link ClientAddressResolver} sees it. */
public final class ClientAddressHandler implements HttpHandler {
    private static final AttachmentKey<InetAddress> CLIENT = AttachmentKey.create(InetAddress.class);
    private final ClientAddressResolver resolver;
    private final HttpHandler next;

    public ClientAddressHandler(ClientAddressResolver resolver, HttpHandler next) {
        this.resolver = resolver;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.putAttachment(CLIENT, resolver.clientAddress(exchange));
        next.handleRequest(exchange);
    }

    public static InetAddress clientAddress(HttpServerExchange exchange) {
        InetAddress a = exchange.getAttachment(CLIENT);
        return a != null ? a : ClientAddressResolver.PEER.clientAddress(exchange);
    }
}
