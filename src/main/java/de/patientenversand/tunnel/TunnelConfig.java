package de.patientenversand.tunnel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;

/**
 * What the supervisor needs to run cloudflared.
 *
 * @param mode         quick, named or off
 * @param localPort    where cloudflared sends traffic: the server's tunnel-only listener (quick),
 *                     or the fixed port the dashboard's route points at (named)
 * @param token        the named tunnel's token, passed to the child only as {@code TUNNEL_TOKEN}
 * @param publicUrl    the named tunnel's public address, if configured (else taken from the
 *                     configuration cloudflared receives)
 * @param startTimeout how long starting (or reconnecting) may take before the attempt is failed
 * @param firstBackoff first delay before a restart
 * @param maxBackoff   the cap of the restart delay
 * @param stopGrace    how long a stop waits after TERM before it kills
 */
public record TunnelConfig(TunnelMode mode, int localPort, String token, String publicUrl,
                           Duration startTimeout, Duration firstBackoff, Duration maxBackoff, Duration stopGrace) {

    public static TunnelConfig of(TunnelMode mode, int localPort, String token, String publicUrl) {
        return new TunnelConfig(mode, localPort, token, publicUrl, Duration.ofSeconds(45), Duration.ofSeconds(2),
                Duration.ofMinutes(5), Duration.ofSeconds(5));
    }

    public TunnelConfig withTimings(Duration start, Duration first, Duration max, Duration grace) {
        return new TunnelConfig(mode, localPort, token, publicUrl, start, first, max, grace);
    }

    /** The command line: never holds the token, so it never shows in a process listing. */
    List<String> command(Path binary) {
        return switch (mode) {
            case QUICK -> List.of(binary.toString(), "tunnel", "--no-autoupdate", "--url", "http://127.0.0.1:" + localPort);
            case NAMED -> List.of(binary.toString(), "tunnel", "--no-autoupdate", "run");
            case OFF -> throw new IllegalStateException("no tunnel in mode off");
        };
    }

    /** Environment for the child only: the token, in named mode. */
    Map<String, String> secrets() {
        return mode == TunnelMode.NAMED && token != null ? Map.of("TUNNEL_TOKEN", token) : Map.of();
    }

    @Override
    public String toString() {
        return "TunnelConfig[" + mode.id() + ", port=" + localPort + ", token=" + (token == null ? "none" : "***") + "]";
    }
}
