package de.patientenversand.launcher;

import de.patientenversand.common.UserException;
import de.patientenversand.common.events.AppEvent;
import de.patientenversand.common.events.EventSink;
import de.patientenversand.settings.Settings;
import de.patientenversand.tunnel.CloudflaredLocator;
import de.patientenversand.tunnel.ExecutorScheduler;
import de.patientenversand.tunnel.TunnelConfig;
import de.patientenversand.tunnel.TunnelMode;
import de.patientenversand.tunnel.TunnelReason;
import de.patientenversand.tunnel.TunnelStatusChanged;
import de.patientenversand.tunnel.TunnelSupervisor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tunnel inside {@code serve}: starts the supervisor, passes its events on (as JSON lines),
 * records each new public URL (server.json) BEFORE it prints {@code Public URL: …}, so that
 * {@code link create} uses the address as soon as it is announced, and says in one plain line on
 * stderr when practices cannot reach the computer (serve keeps receiving locally and retries).
 */
final class ServeTunnel implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServeTunnel.class);
    private final EventSink downstream;
    private final Consumer<String> publicUrlStore;
    private final PrintStream out;
    private final PrintStream err;
    private final Locale locale;
    private String printedUrl;
    private String lastComplaint;
    private TunnelSupervisor supervisor;
    private ExecutorScheduler scheduler;

    /**
     * @param publicUrlStore records the public base URL (or {@code null} when there is none) where
     *                       {@code link create} finds it; called before the URL is printed
     */
    ServeTunnel(EventSink downstream, Consumer<String> publicUrlStore, PrintStream out, PrintStream err, Locale locale) {
        this.downstream = downstream;
        this.publicUrlStore = publicUrlStore;
        this.out = out;
        this.err = err;
        this.locale = locale;
    }

    /** The local port cloudflared must be pointed at: fixed for a named tunnel, free (0) otherwise. */
    static int tunnelListenerPort(TunnelMode mode, Settings settings) {
        return mode == TunnelMode.NAMED ? settings.namedTunnelPort() : 0;
    }

    /** Starts cloudflared towards the tunnel listener's bound port (nothing in mode off). */
    void start(TunnelMode mode, Settings settings, Path dataDir, int tunnelPort, String publicUrl) {
        if (mode == TunnelMode.OFF) {
            return;
        }
        TunnelConfig config = TunnelConfig.of(mode, tunnelPort, settings.namedTunnelToken(), publicUrl);
        CloudflaredLocator locator = CloudflaredLocator.forThisSystem(settings.cloudflared(), dataDir);
        scheduler = new ExecutorScheduler();
        supervisor = new TunnelSupervisor(config, locator::find, scheduler, this);
        supervisor.start();
    }

    @Override
    public synchronized void publish(AppEvent event) {
        if (event instanceof TunnelStatusChanged status) {
            report(status);
        }
        downstream.publish(event);
    }

    private void report(TunnelStatusChanged status) {
        switch (status.state()) {
            case "online" -> {
                lastComplaint = null;
                if (status.publicUrl() != null && !status.publicUrl().equals(printedUrl)) {
                    store(status.publicUrl());
                    printedUrl = status.publicUrl();
                    out.println("Public URL: " + status.publicUrl());
                    out.flush();
                }
            }
            case "failed" -> {
                if (printedUrl != null) {
                    store(null);
                    printedUrl = null;
                }
                complain(status.reason());
            }
            default -> {
                // starting, reconnecting, stopped: the event says it; no extra line
            }
        }
    }

    private void store(String url) {
        try {
            publicUrlStore.accept(url);
        } catch (RuntimeException e) {
            LOG.warn("server.json could not be updated: {}", e.getClass().getSimpleName());
        }
    }

    private void complain(String reasonCode) {
        if (reasonCode == null || reasonCode.equals(lastComplaint)) {
            return;
        }
        lastComplaint = reasonCode;
        String reason = UserException.format(locale, "tunnel.reason." + reasonCode);
        String line = UserException.format(locale, "tunnel.serve.localOnly", reason);
        if (TunnelReason.CLOUDFLARED_MISSING.code().equals(reasonCode)) {
            line = line + " " + UserException.format(locale, CloudflaredLocator.helpKey(System.getProperty("os.name", ""))).replace('\n', ' ');
        }
        err.println(line);
        err.flush();
    }

    @Override
    public void close() {
        if (supervisor != null) {
            supervisor.stop();
        }
        if (scheduler != null) {
            scheduler.close();
        }
    }
}
