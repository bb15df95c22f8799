package de.patientenversand.upload;

import io.undertow.server.HttpServerExchange;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where a request comes from, for the failed-lookup rate limit. The normal listener uses the
 * peer address; the tunnel's own loopback listener may use {@code CF-Connecting-IP} (DESIGN.md
 * section 7), which must never be honoured on the normal listener, where anyone could set it.
 */
@FunctionalInterface
public interface ClientAddressResolver {

    /** The peer of the TCP connection. */
    ClientAddressResolver PEER = exchange -> {
        InetSocketAddress peer = exchange.getSourceAddress();
        return peer == null ? InetAddress.getLoopbackAddress() : peer.getAddress();
    };

    InetAddress clientAddress(HttpServerExchange exchange);

    /**
     * The address in a header set by a trusted proxy (the tunnel's own loopback listener uses
     * {@code CF-Connecting-IP}); the peer when the header is missing or not an IP literal.
     * Never resolves names.
     */
    static ClientAddressResolver trustedHeader(String header) {
        return exchange -> {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                try {
                    return InetAddress.ofLiteral(value.strip());
                } catch (IllegalArgumentException e) {
                    // not an address: fall back to the peer
                }
            }
            return PEER.clientAddress(exchange);
        };
    }
}
