package de.patientenversand.upload;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Counts failed token lookups per client address and refuses further guesses with 429 after a
 * handful. IPv6 addresses count per /64, because one client usually owns a whole /64. Addresses
 * are kept only as HMAC-SHA256 values under a key that lives in memory and is replaced every
 * day (with all counters), so the server never holds a list of who tried (DESIGN.md section 5).
 */
public final class FailedLookupLimiter {
    private static final int MAX_TRACKED = 10_000;
    private final int allowed;
    private final Duration window;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Window> counters = new LinkedHashMap<>(64, 0.75f, true);
    private byte[] key;
    private LocalDate keyDay;

    public FailedLookupLimiter(int allowed, Duration window, Clock clock) {
        this.allowed = allowed;
        this.window = window;
        this.clock = clock;
    }

    /** True when this address has used up its failed lookups for now. */
    public synchronized boolean isBlocked(InetAddress address) {
        Window w = counters.get(keyOf(address));
        return w != null && w.active(clock.instant(), window) && w.failures >= allowed;
    }

    /** Counts a failure; returns the address's keyed hash and its failures in the current window. */
    public synchronized Failure recordFailure(InetAddress address) {
        String k = keyOf(address);
        Instant now = clock.instant();
        Window w = counters.get(k);
        if (w == null || !w.active(now, window)) {
            w = new Window(now);
            counters.put(k, w);
            if (counters.size() > MAX_TRACKED) {
                counters.remove(counters.keySet().iterator().next());
            }
        }
        w.failures++;
        return new Failure(k, w.failures, w.failures == allowed);
    }

    /**
     * A counted failure: the address as its keyed hash (never the address), the count, and
     * whether this failure used up the allowance (the address is refused from now on).
     */
    public record Failure(String addressHash, int count, boolean limitReached) {
    }

    private String keyOf(InetAddress address) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!today.equals(keyDay)) {
            key = new byte[32];
            random.nextBytes(key);
            keyDay = today;
            counters.clear();
        }
        byte[] raw = address.getAddress();
        if (address instanceof Inet6Address) {
            raw = Arrays.copyOf(raw, 8);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(raw), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing", e);
        }
    }

    private static final class Window {
        final Instant start;
        int failures;

        Window(Instant start) {
            this.start = start;
        }

        boolean active(Instant now, Duration length) {
            return now.isBefore(start.plus(length));
        }
    }
}
