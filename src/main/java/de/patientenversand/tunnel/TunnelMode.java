package de.patientenversand.tunnel;

import de.patientenversand.common.UserException;
import java.util.Locale;

/** How the upload page is reached from the internet (DESIGN.md section 7). */
public enum TunnelMode {
    /** An account-less Cloudflare quick tunnel: a new random address at every start. */
    QUICK,
    /** The patient's own Cloudflare tunnel (token): a fixed address that survives restarts. */
    NAMED,
    /** Only on this computer. */
    OFF;

    /** Parses {@code quick}, {@code named} or {@code off} (as stored in the settings and typed on the command line). */
    public static TunnelMode parse(String text) {
        if (text == null || text.isBlank()) {
            return QUICK;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserException("tunnel.mode.unknown", text);
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
