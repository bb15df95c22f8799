package de.patientenversand.upload;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.net.InetAddress;

/**
 * The client address on the tunnel's own loopback listener: the practice's real address from
 * {@code CF-Connecting-IP}, which Cloudflare sets (overwriting whatever the browser sent) and
 * cloudflared passes on. cloudflared cannot add a secret header, so what makes this header
 * trustworthy is the listener: only cloudflared is told its port. On the normal listener the
 * header is ignored ({@link ClientAddressResolver#PEER}), because any local program could set it
 * to dodge the rate limit. Only an IP literal is accepted (never a name: no DNS lookup from a
 * header); anything else falls back to the peer.
 */
public final class TunnelClientAddress implements ClientAddressResolver {
    public static final HttpString CF_CONNECTING_IP = HttpString.tryFromString("CF-Connecting-IP");

    @Override
    public InetAddress clientAddress(HttpServerExchange exchange) {
        String value = exchange.getRequestHeaders().getFirst(CF_CONNECTING_IP);
        if (value != null) {
            String literal = value.trim();
            if (!literal.isEmpty() && literal.length() <= 45 && literal.matches("[0-9A-Fa-f:.]+")) {
                try {
                    return InetAddress.ofLiteral(literal);
                } catch (IllegalArgumentException e) {
                    // not an address: use the peer
                }
            }
        }
        return PEER.clientAddress(exchange);
    }
}
