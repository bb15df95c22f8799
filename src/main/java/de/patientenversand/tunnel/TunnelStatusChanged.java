package de.patientenversand.tunnel;

import de.patientenversand.common.events.AppEvent;

/**
 * Published on every change of the tunnel's state or address. Carries no token and no
 * cloudflared log text, only the state id, the public base URL (which the patient hands out
 * anyway) and a reason code.
 *
 * @param state      {@code stopped}, {@code starting}, {@code online}, {@code reconnecting} or {@code failed}
 * @param publicUrl  the public base URL, or {@code null}
 * @param reason     a {@link TunnelReason#code()}, or {@code null}
 * @param urlChanged true when the public URL differs from the last one announced online:
 *                   links sent before no longer work and the UI should offer to send the new one
 */
public record TunnelStatusChanged(String state, String publicUrl, String reason, boolean urlChanged)
        implements AppEvent {

    @Override
    public String type() {
        return "tunnel_status_changed";
    }

    static TunnelStatusChanged of(TunnelStatus status, boolean urlChanged) {
        return new TunnelStatusChanged(status.state().id(), status.publicUrl(),
                status.reason() == null ? null : status.reason().code(), urlChanged);
    }
}
