package de.patientenversand.tunnel;

/**
 * Why the tunnel is not (or no longer) online, as a stable code for events and a message key
 * ({@code tunnel.reason.<code>}) for plain-language German/English text. Never carries details
 * from cloudflared's log, which may contain addresses.
 */
public enum TunnelReason {
    CLOUDFLARED_MISSING("cloudflared_missing"),
    NO_NETWORK("no_network"),
    QUICK_TUNNEL_REFUSED("quick_tunnel_refused"),
    QUICK_TUNNEL_RATE_LIMITED("quick_tunnel_rate_limited"),
    TOKEN_INVALID("token_invalid"),
    TOKEN_MISSING("token_missing"),
    START_TIMEOUT("start_timeout"),
    CRASHED("crashed"),
    CONNECTION_LOST("connection_lost"),
    CANNOT_START("cannot_start");

    private final String code;

    TunnelReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String messageKey() {
        return "tunnel.reason." + code;
    }

    /** Failures that retrying soon cannot fix: the patient must act first. */
    public boolean needsPatient() {
        return this == CLOUDFLARED_MISSING || this == TOKEN_INVALID || this == TOKEN_MISSING;
    }
}
