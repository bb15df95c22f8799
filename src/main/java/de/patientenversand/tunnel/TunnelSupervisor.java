package de.patientenversand.tunnel;

import de.patientenversand.common.events.EventSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps cloudflared running and tells everyone how it goes. States and legal moves are in
 * {@link TunnelState}; every change is published as a {@link TunnelStatusChanged}.
 * <ul>
 *   <li>start: STARTING; ONLINE at the first {@code Registered tunnel connection} (for a quick
 *   tunnel with the address from the boxed log line).</li>
 *   <li>a fatal log line, an exit before registering, or the start timeout: FAILED(reason), then a
 *   restart after a capped exponential backoff.</li>
 *   <li>while ONLINE, cloudflared exits or loses all edge connections: RECONNECTING (restarted
 *   after backoff, or left to reconnect by itself); back to ONLINE, or FAILED on timeout.</li>
 *   <li>stop: terminate, wait, kill; STOPPED.</li>
 * </ul>
 * Callbacks of a child that was already given up carry an old generation number and are ignored.
 * Nothing from cloudflared's log is logged here: only states and reason codes.
 */
public final class TunnelSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelSupervisor.class);

    private final TunnelConfig config;
    private final Supplier<Optional<Path>> locator;
    private final ChildStarter starter;
    private final Scheduler scheduler;
    private final EventSink events;
    private final Backoff backoff;
    private final CloudflaredLogParser parser = new CloudflaredLogParser();

    private TunnelStatus status = TunnelStatus.STOPPED;
    private long generation;
    private ChildStarter.Child child;
    private Scheduler.Task timer;
    private String pendingUrl;
    private TunnelReason attemptReason;
    private final Set<Integer> connections = new HashSet<>();
    private String lastOnlineUrl;

    public TunnelSupervisor(TunnelConfig config, Supplier<Optional<Path>> locator, Scheduler scheduler, EventSink events) {
        this(config, locator, WatchdogStarter.forThisOs(config.stopGrace()), scheduler, events);
    }

    TunnelSupervisor(TunnelConfig config, Supplier<Optional<Path>> locator, ChildStarter starter,
                     Scheduler scheduler, EventSink events) {
        this.config = config;
        this.locator = locator;
        this.starter = starter;
        this.scheduler = scheduler;
        this.events = events;
        this.backoff = new Backoff(config.firstBackoff(), config.maxBackoff());
    }

    public synchronized TunnelStatus status() {
        return status;
    }

    /** Starts the tunnel (nothing happens in mode off). */
    public synchronized void start() {
        if (config.mode() == TunnelMode.OFF) {
            return;
        }
        if (status.state() != TunnelState.STOPPED) {
            throw new IllegalStateException("tunnel already started");
        }
        launch();
    }

    /** Stops cloudflared (terminate, wait, kill) and returns when it is gone. */
    public void stop() {
        ChildStarter.Child old;
        synchronized (this) {
            generation++;
            cancelTimer();
            old = child;
            child = null;
            if (status.state() != TunnelState.STOPPED) {
                move(new TunnelStatus(TunnelState.STOPPED, null, null), false);
            }
        }
        if (old != null) {
            old.stop(config.stopGrace());
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The pid of the running cloudflared, for a status line and for tests. */
    public synchronized Optional<Long> childPid() {
        return Optional.ofNullable(child).map(ChildStarter.Child::pid);
    }

    private void launch() {
        long gen = ++generation;
        pendingUrl = null;
        attemptReason = null;
        connections.clear();
        if (status.state() != TunnelState.RECONNECTING) {
            move(new TunnelStatus(TunnelState.STARTING, null, null), false);
        }
        if (config.mode() == TunnelMode.NAMED && (config.token() == null || config.token().isBlank())) {
            failAttempt(TunnelReason.TOKEN_MISSING);
            return;
        }
        Optional<Path> binary = locator.get();
        if (binary.isEmpty()) {
            failAttempt(TunnelReason.CLOUDFLARED_MISSING);
            return;
        }
        try {
            child = starter.start(config.command(binary.get()), config.secrets(), new ChildStarter.Listener() {
                @Override
                public void onLine(String line) {
                    TunnelSupervisor.this.onLine(gen, line);
                }

                @Override
                public void onExit(int exitCode) {
                    TunnelSupervisor.this.onExit(gen, exitCode);
                }
            });
        } catch (IOException e) {
            LOG.warn("cloudflared could not be started: {}", e.getClass().getSimpleName());
            failAttempt(TunnelReason.CANNOT_START);
            return;
        }
        timer = scheduler.schedule(() -> onTimeout(gen), config.startTimeout());
    }

    synchronized void onLine(long gen, String line) {
        if (gen != generation) {
            return;
        }
        Optional<LogSignal> signal = parser.parse(line);
        if (signal.isEmpty()) {
            return;
        }
        switch (signal.get()) {
            case LogSignal.QuickUrl q -> {
                if (config.mode() == TunnelMode.QUICK) {
                    pendingUrl = q.url();
                }
            }
            case LogSignal.NamedHostname h -> {
                if (config.mode() == TunnelMode.NAMED) {
                    pendingUrl = "https://" + h.host();
                }
            }
            case LogSignal.Registered r -> {
                connections.add(r.connIndex());
                TunnelState s = status.state();
                if (s == TunnelState.STARTING || s == TunnelState.RECONNECTING) {
                    goOnline();
                }
            }
            case LogSignal.Unregistered u -> {
                connections.remove(u.connIndex());
                if (connections.isEmpty() && status.state() == TunnelState.ONLINE) {
                    move(new TunnelStatus(TunnelState.RECONNECTING, status.publicUrl(), TunnelReason.CONNECTION_LOST), false);
                    timer = scheduler.schedule(() -> onTimeout(gen), config.startTimeout());
                }
            }
            case LogSignal.Failure f -> {
                if (attemptReason == null) {
                    attemptReason = f.reason();
                }
                if (f.fatal() && status.state() != TunnelState.ONLINE) {
                    failAttempt(attemptReason);
                }
            }
        }
    }

    private void goOnline() {
        String url = config.mode() == TunnelMode.NAMED && config.publicUrl() != null ? config.publicUrl() : pendingUrl;
        if (url == null && config.mode() == TunnelMode.QUICK) {
            return; // a quick tunnel is of no use without its address; the timeout will tell
        }
        cancelTimer();
        backoff.reset();
        attemptReason = null;
        boolean changed = lastOnlineUrl != null && !lastOnlineUrl.equals(url);
        lastOnlineUrl = url;
        move(new TunnelStatus(TunnelState.ONLINE, url, null), changed);
    }

    synchronized void onExit(long gen, int exitCode) {
        if (gen != generation) {
            return;
        }
        child = null;
        LOG.info("cloudflared exited with code {}", exitCode);
        if (status.state() == TunnelState.ONLINE) {
            cancelTimer();
            generation++;
            move(new TunnelStatus(TunnelState.RECONNECTING, status.publicUrl(), TunnelReason.CRASHED), false);
            scheduleRestart();
        } else if (status.state() == TunnelState.STARTING || status.state() == TunnelState.RECONNECTING) {
            failAttempt(attemptReason != null ? attemptReason : TunnelReason.CRASHED);
        }
    }

    private synchronized void onTimeout(long gen) {
        if (gen != generation) {
            return;
        }
        TunnelState s = status.state();
        if (s == TunnelState.STARTING || s == TunnelState.RECONNECTING) {
            failAttempt(attemptReason != null ? attemptReason : TunnelReason.START_TIMEOUT);
        }
    }

    /** Gives up the current attempt: the child is stopped in the background, a restart is scheduled. */
    private void failAttempt(TunnelReason reason) {
        cancelTimer();
        generation++;
        ChildStarter.Child old = child;
        child = null;
        if (old != null) {
            Thread t = new Thread(() -> old.stop(config.stopGrace()), "cloudflared-stop");
            t.setDaemon(true);
            t.start();
        }
        move(new TunnelStatus(TunnelState.FAILED, null, reason), false);
        scheduleRestart();
    }

    private void scheduleRestart() {
        long gen = generation;
        timer = scheduler.schedule(() -> restart(gen), backoff.next());
    }

    private synchronized void restart(long gen) {
        if (gen != generation) {
            return;
        }
        TunnelState s = status.state();
        if (s == TunnelState.FAILED || s == TunnelState.RECONNECTING) {
            launch();
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void move(TunnelStatus next, boolean urlChanged) {
        if (!status.state().canMoveTo(next.state())) {
            throw new IllegalStateException("illegal tunnel move " + status.state() + " -> " + next.state());
        }
        status = next;
        LOG.info("tunnel {}{}", next.state().id(), next.reason() == null ? "" : " (" + next.reason().code() + ")");
        try {
            events.publish(TunnelStatusChanged.of(next, urlChanged));
        } catch (RuntimeException e) {
            // a listener's failure must not break the state machine
            LOG.warn("a tunnel status listener failed: {}", e.getClass().getSimpleName());
        }
    }
}
