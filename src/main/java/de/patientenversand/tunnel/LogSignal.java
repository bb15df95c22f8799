package de.patientenversand.tunnel;

/** What one line of cloudflared's log means for the supervisor. */
sealed interface LogSignal {
    /** The boxed line announcing the quick tunnel's address. */
    record QuickUrl(String url) implements LogSignal { }

    /** An edge connection is up: the address works from now on. */
    record Registered(int connIndex) implements LogSignal { }

    /** An edge connection went away (cloudflared retries it by itself). */
    record Unregistered(int connIndex) implements LogSignal { }

    /** A named tunnel's public host name from the configuration the dashboard pushed. */
    record NamedHostname(String host) implements LogSignal { }

    /**
     * A known failure. {@code fatal} ones end this attempt at once (cloudflared would only
     * retry forever); others are remembered as the reason if the attempt fails later.
     */
    record Failure(TunnelReason reason, boolean fatal) implements LogSignal { }
}
