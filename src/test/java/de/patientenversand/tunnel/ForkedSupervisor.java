package de.patientenversand.tunnel;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Run in a forked JVM by {@link ParentDeathTest}: supervises the fake cloudflared and prints
 * {@code ONLINE <pid>} when it is online, then waits to be killed. Args: mode, binary.
 * The named token comes from the environment variable FORK_TOKEN, so it is in no command line.
 */
public final class ForkedSupervisor {
    private ForkedSupervisor() {
    }

    public static void main(String[] args) throws Exception {
        TunnelMode mode = TunnelMode.parse(args[0]);
        Path binary = Path.of(args[1]);
        TunnelConfig config = TunnelConfig.of(mode, 41999, System.getenv("FORK_TOKEN"), null);
        ExecutorScheduler scheduler = new ExecutorScheduler();
        TunnelSupervisor[] holder = new TunnelSupervisor[1];
        TunnelSupervisor supervisor = new TunnelSupervisor(config, () -> Optional.of(binary), scheduler, event -> {
            TunnelStatusChanged e = (TunnelStatusChanged) event;
            System.out.println("EVENT " + e);
            if ("online".equals(e.state())) {
                new Thread(() -> System.out.println("ONLINE " + holder[0].childPid().orElse(-1L))).start();
            }
        });
        holder[0] = supervisor;
        supervisor.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
