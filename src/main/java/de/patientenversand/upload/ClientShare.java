package de.patientenversand.upload;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most N requests on links in progress per client address (IPv6 per /64, as the failed-lookup
 * limit counts), so that one client cannot take the whole server: every link request holds a
 * worker thread while it runs, an upload also one of the upload slots, and a client that sends
 * one byte a second holds both for the whole rate window (30 s) before it is cut off. With the
 * share, a flood from one address keeps the rest of the slots and threads for the other
 * practices; its surplus requests get 503 {@code busy} with {@code Retry-After} at once, as when
 * all slots are taken (DESIGN.md section 6).
 *
 * <p>The address is the one the listener's {@link ClientAddressResolver} gives (peer, or
 * {@code CF-Connecting-IP} on the tunnel's own listener). It is kept only while one of its
 * requests is in progress and never logged.
 */
public final class ClientShare {
    private final int perClient;
    private final ConcurrentHashMap<String, Integer> inProgress = new ConcurrentHashMap<>();

    public ClientShare(int perClient) {
        if (perClient < 1) {
            throw new IllegalArgumentException("perClient " + perClient);
        }
        this.perClient = perClient;
    }

    /** Counts a request of this client; false (and nothing counted) when its share is used up. */
    public boolean tryAcquire(InetAddress client) {
        boolean[] taken = {false};
        inProgress.compute(keyOf(client), (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= perClient) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** Ends a request counted by {@link #tryAcquire}. */
    public void release(InetAddress client) {
        inProgress.computeIfPresent(keyOf(client), (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Requests of this client in progress now. */
    public int inProgress(InetAddress client) {
        return inProgress.getOrDefault(keyOf(client), 0);
    }

    /** The client as the share counts it: the address, an IPv6 one cut to its /64 (kept in memory only). */
    public static String keyOf(InetAddress address) {
        byte[] raw = address.getAddress();
        if (address instanceof Inet6Address) {
            raw = Arrays.copyOf(raw, 8);
        }
        return HexFormat.of().formatHex(raw);
    }
}
