package de.patientenversand.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.common.events.AppEvent;
import de.patientenversand.tunnel.TunnelStatusChanged;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServeTunnelTest {
    final List<String> order = new CopyOnWriteArrayList<>();
    final List<AppEvent> passedOn = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    ServeTunnel tunnel() {
        PrintStream out = new PrintStream(new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(int b) {
                if (b == '\n') {
                    order.add("print " + line);
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        }, true, StandardCharsets.UTF_8);
        return new ServeTunnel(passedOn::add, url -> order.add("store " + url), out,
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), Locale.ENGLISH);
    }

    @Test
    @DisplayName("the public URL is stored for link create before 'Public URL:' is printed, once per address")
    void storeBeforePrint() {
        ServeTunnel t = tunnel();
        t.publish(new TunnelStatusChanged("starting", null, null, false));
        t.publish(new TunnelStatusChanged("online", "https://a-b-c-d.trycloudflare.com", null, false));
        t.publish(new TunnelStatusChanged("reconnecting", "https://a-b-c-d.trycloudflare.com", "connection_lost", false));
        t.publish(new TunnelStatusChanged("online", "https://a-b-c-d.trycloudflare.com", null, false));
        t.publish(new TunnelStatusChanged("reconnecting", "https://a-b-c-d.trycloudflare.com", "crashed", false));
        t.publish(new TunnelStatusChanged("online", "https://e-f-g-h.trycloudflare.com", null, true));
        assertThat(order).containsExactly(
                "store https://a-b-c-d.trycloudflare.com", "print Public URL: https://a-b-c-d.trycloudflare.com",
                "store https://e-f-g-h.trycloudflare.com", "print Public URL: https://e-f-g-h.trycloudflare.com");
        assertThat(passedOn).hasSize(6);
    }

    @Test
    @DisplayName("a failure is said once in one plain line on stderr, and the dead address is withdrawn")
    void failureSaidOnce() {
        ServeTunnel t = tunnel();
        t.publish(new TunnelStatusChanged("online", "https://a-b-c-d.trycloudflare.com", null, false));
        t.publish(new TunnelStatusChanged("reconnecting", "https://a-b-c-d.trycloudflare.com", "crashed", false));
        t.publish(new TunnelStatusChanged("failed", null, "no_network", false));
        t.publish(new TunnelStatusChanged("starting", null, null, false));
        t.publish(new TunnelStatusChanged("failed", null, "no_network", false));
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertThat(err.lines().toList()).containsExactly(
                "Not reachable for practices: No internet connection. Please check your connection; Patientenversand tries again by itself. Patientenversand keeps receiving on this computer.");
        assertThat(order).contains("store null");
    }

    @Test
    @DisplayName("missing cloudflared: the line says how to get it")
    void missingExplains() {
        ServeTunnel t = tunnel();
        t.publish(new TunnelStatusChanged("failed", null, "cloudflared_missing", false));
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertThat(err.lines().toList()).hasSize(1);
        assertThat(err).contains("cloudflared is missing").contains("Install cloudflared");
    }
}
