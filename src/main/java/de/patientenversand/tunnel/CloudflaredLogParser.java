package de.patientenversand.tunnel;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads cloudflared's log lines (it logs to stderr) and recognises the few that matter. The
 * quick tunnel's address is taken ONLY from the boxed line
 * {@code INF |  https://name.trycloudflare.com   |}: error lines mention trycloudflare URLs too
 * ({@code failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": ...}),
 * and handing such an address to a practice would send its documents nowhere.
 * Lines are never logged or kept: they may contain addresses.
 */
final class CloudflaredLogParser {
    private static final Pattern BOXED_URL = Pattern.compile(
            "(?:^|\\s)\\|\\s+(https://[a-z0-9]+(?:-[a-z0-9]+)*\\.trycloudflare\\.com)/?\\s+\\|\\s*$");
    private static final Pattern REGISTERED = Pattern.compile(
            "\\bRegistered tunnel connection connIndex=(\\d+)|\\bConnection \\S+ registered connIndex=(\\d+)");
    private static final Pattern UNREGISTERED = Pattern.compile("\\bUnregistered tunnel connection connIndex=(\\d+)");
    private static final Pattern CONFIG_HOSTNAME = Pattern.compile(
            "\\bUpdated to new configuration\\b.*?\\\\?\"hostname\\\\?\":\\s*\\\\?\"([A-Za-z0-9.-]+)\\\\?\"");

    Optional<LogSignal> parse(String line) {
        if (line == null || line.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = BOXED_URL.matcher(line);
        if (m.find() && !m.group(1).startsWith("https://api.")) {
            return Optional.of(new LogSignal.QuickUrl(m.group(1)));
        }
        m = REGISTERED.matcher(line);
        if (m.find()) {
            String index = m.group(1) != null ? m.group(1) : m.group(2);
            return Optional.of(new LogSignal.Registered(Integer.parseInt(index)));
        }
        m = UNREGISTERED.matcher(line);
        if (m.find()) {
            return Optional.of(new LogSignal.Unregistered(Integer.parseInt(m.group(1))));
        }
        m = CONFIG_HOSTNAME.matcher(line);
        if (m.find()) {
            return Optional.of(new LogSignal.NamedHostname(m.group(1).toLowerCase(java.util.Locale.ROOT)));
        }
        return failure(line).map(f -> f);
    }

    private static Optional<LogSignal.Failure> failure(String line) {
        if (line.contains("Invalid tunnel secret") || line.contains("Provided Tunnel token is not valid")
                || line.contains("Unauthorized: Failed to get tunnel") || line.contains("Unauthorized: Tunnel not found")) {
            return Optional.of(new LogSignal.Failure(TunnelReason.TOKEN_INVALID, true));
        }
        if (line.contains("429 Too Many Requests") || line.contains("error code: 1015")) {
            return Optional.of(new LogSignal.Failure(TunnelReason.QUICK_TUNNEL_RATE_LIMITED, true));
        }
        if (line.contains("failed to request quick Tunnel")) {
            return Optional.of(new LogSignal.Failure(networkish(line)
                    ? TunnelReason.NO_NETWORK : TunnelReason.QUICK_TUNNEL_REFUSED, true));
        }
        if (line.contains("failed to unmarshal quick Tunnel") || line.contains("Error unmarshaling QuickTunnel response")) {
            return Optional.of(new LogSignal.Failure(TunnelReason.QUICK_TUNNEL_REFUSED, true));
        }
        if (line.contains("Unable to establish connection with Cloudflare edge")
                || line.contains("Failed to create new quic connection")
                || line.contains("Failed to dial a quic connection")
                || line.contains("Serve tunnel error")
                || line.contains("edge discovery: error looking up Cloudflare edge IPs")
                || line.contains("Connection terminated")) {
            return Optional.of(new LogSignal.Failure(TunnelReason.NO_NETWORK, false));
        }
        return Optional.empty();
    }

    private static boolean networkish(String line) {
        return line.contains("no such host") || line.contains("dial tcp") || line.contains("i/o timeout")
                || line.contains("network is unreachable") || line.contains("connection refused");
    }
}
