package de.patientenversand.tunnel;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Starts cloudflared as a child process; the real one is {@link WatchdogStarter}. */
interface ChildStarter {

    /** Receives the child's log lines and its exit, on a reader thread. */
    interface Listener {
        void onLine(String line);

        void onExit(int exitCode);
    }

    /** A started child. */
    interface Child {
        /** The pid of cloudflared itself (not of the watchdog). */
        long pid();

        /** Terminate, wait up to {@code grace}, then kill; returns when it is gone. */
        void stop(Duration grace);
    }

    /**
     * @param command the cloudflared command line (never contains a secret)
     * @param secrets environment variables for the child only (e.g. {@code TUNNEL_TOKEN})
     */
    Child start(List<String> command, Map<String, String> secrets, Listener listener) throws IOException;
}
