package de.patientenversand.ui.common;

import de.patientenversand.common.UserException;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The receiving side's state in plain words, updated from the {@code serve} child's events on the
 * FX thread. Remembers the public address so it can tell the patient when it changed (a quick
 * connection gets a new address at every start, and links must then be sent again).
 */
public final class ServerStatus {
    private final I18n i18n;
    private final StringProperty text = new SimpleStringProperty();
    private final StringProperty baseUrl = new SimpleStringProperty();
    private final BooleanProperty reachable = new SimpleBooleanProperty();
    private final BooleanProperty addressChanged = new SimpleBooleanProperty();
    private String publicUrl;
    private String localUrl;
    private String tunnelMode = "quick";

    public ServerStatus(I18n i18n) {
        this.i18n = i18n;
        text.set(i18n.text("status.starting"));
    }

    public void tunnelMode(String mode) {
        this.tunnelMode = mode;
    }

    /** Applies one event (FX thread only). */
    public void apply(ServerEvent event) {
        String type = event.type();
        switch (type) {
            case ServerEvent.STARTING -> {
                reachable.set(false);
                text.set(i18n.text("status.starting"));
            }
            case ServerEvent.LISTENING -> {
                localUrl = event.text("url");
                if (publicUrl == null) {
                    baseUrl.set(localUrl);
                }
                if ("off".equals(tunnelMode)) {
                    reachable.set(false);
                    text.set(i18n.text("status.localOnly"));
                } else {
                    text.set(i18n.text("status.connecting"));
                }
            }
            case ServerEvent.PUBLIC_URL -> publicUrl(event.text("url"));
            case ServerEvent.CRASHED -> {
                reachable.set(false);
                text.set(i18n.text("status.crashed", event.number("restartInSeconds", 1)));
            }
            default -> {
                if (type.startsWith("tunnel")) {
                    tunnel(event);
                }
            }
        }
    }

    private void tunnel(ServerEvent event) {
        String state = Objects.requireNonNullElse(event.text("state"), "");
        String url = event.text("publicUrl") != null ? event.text("publicUrl") : event.text("url");
        if ("true".equals(event.text("urlChanged"))) {
            addressChanged.set(true);
        }
        if ("online".equals(state) && url != null && !url.isBlank()) {
            publicUrl(url);
        }
        switch (state) {
            case "online" -> {
                reachable.set(true);
                text.set(i18n.text("status.reachable"));
            }
            case "stopped" -> {
                reachable.set(false);
                text.set(i18n.text("off".equals(tunnelMode) ? "status.localOnly" : "status.connecting"));
            }
            case "starting", "reconnecting" -> {
                reachable.set(false);
                text.set(i18n.text("status.connecting"));
            }
            default -> {
                reachable.set(false);
                text.set(i18n.text("status.offline", reason(event)));
            }
        }
    }

    /** The tunnel's reason code in plain words (the tunnel's own texts in the shared bundle). */
    private String reason(ServerEvent event) {
        String code = event.text("reason");
        if (code != null && code.matches("[a-z_]+")) {
            String key = "tunnel.reason." + code;
            String text = UserException.format(i18n.locale(), key);
            if (!text.equals(key)) {
                return text;
            }
        }
        return i18n.text("status.reason.unknown");
    }

    private void publicUrl(String url) {
        if (url == null || url.isBlank()) {
            return;
        }
        if (publicUrl != null && !publicUrl.equals(url)) {
            addressChanged.set(true);
        }
        publicUrl = url;
        baseUrl.set(url);
        reachable.set(true);
        text.set(i18n.text("status.reachable"));
    }

    public ReadOnlyStringProperty textProperty() {
        return text;
    }

    /** The address links start with: the public one, else the local one. */
    public ReadOnlyStringProperty baseUrlProperty() {
        return baseUrl;
    }

    public BooleanProperty reachableProperty() {
        return reachable;
    }

    /** True after the public address changed; the share panel shows a notice until dismissed. */
    public BooleanProperty addressChangedProperty() {
        return addressChanged;
    }

    public String localUrl() {
        return localUrl;
    }
}
