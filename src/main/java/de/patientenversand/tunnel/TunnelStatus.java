package de.patientenversand.tunnel;

/**
 * A snapshot of the tunnel: its state, the public base URL while it is known (online, or the
 * last one while reconnecting), and the reason when it is not online.
 */
public record TunnelStatus(TunnelState state, String publicUrl, TunnelReason reason) {
    public static final TunnelStatus STOPPED = new TunnelStatus(TunnelState.STOPPED, null, null);

    public boolean online() {
        return state == TunnelState.ONLINE;
    }
}
