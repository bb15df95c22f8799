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
}
