package de.patientenversand.tunnel;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The life of the tunnel as explicit states. Only the moves listed here are legal; the
 * supervisor fails loudly on any other, so a bug cannot silently show "online" to the patient.
 */
public enum TunnelState {
    STOPPED,
    STARTING,
    ONLINE,
    RECONNECTING,
    FAILED;

    private Set<TunnelState> next() {
        return switch (this) {
            case STOPPED -> EnumSet.of(STARTING);
            case STARTING -> EnumSet.of(ONLINE, FAILED, STOPPED);
            case ONLINE -> EnumSet.of(RECONNECTING, STOPPED);
            case RECONNECTING -> EnumSet.of(ONLINE, FAILED, STOPPED);
            case FAILED -> EnumSet.of(STARTING, STOPPED);
        };
    }

    public boolean canMoveTo(TunnelState target) {
        return next().contains(target);
    }

    /** The lower-case id used in events and JSON ("online"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
