package de.patientenversand.tunnel;

import java.util.Map;

/**
 * The environment a child process gets: ours minus everything of Patientenversand
 * ({@code PATIENTENVERSAND_*} may hold a passphrase) and minus cloudflared's own {@code TUNNEL_*}
 * settings that a user may have exported for something else, so only what we pass applies.
 */
final class ChildEnvironment {
    private ChildEnvironment() {
    }

    static void clean(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("PATIENTENVERSAND_") || k.startsWith("TUNNEL_"));
    }
}
