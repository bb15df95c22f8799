package de.patientenversand.tunnel;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stands in for the process starter: the test plays cloudflared's log lines and exit by hand. */
final class FakeStarter implements ChildStarter {
    final List<List<String>> commands = new ArrayList<>();
    final List<Map<String, String>> secrets = new ArrayList<>();
    final List<FakeChild> children = new ArrayList<>();
    boolean failToStart;

    static final class FakeChild implements Child {
        final Listener listener;
        final long pid;
        boolean stopped;

        FakeChild(Listener listener, long pid) {
            this.listener = listener;
            this.pid = pid;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public synchronized void stop(Duration grace) {
            stopped = true;
            notifyAll();
        }

        void line(String line) {
            listener.onLine(line);
        }

        void exit(int code) {
            listener.onExit(code);
        }

        synchronized boolean awaitStopped() throws InterruptedException {
            long end = System.currentTimeMillis() + 5000;
            while (!stopped && System.currentTimeMillis() < end) {
                wait(100);
            }
            return stopped;
        }
    }

    @Override
    public Child start(List<String> command, Map<String, String> env, Listener listener) throws IOException {
        if (failToStart) {
            throw new IOException("cannot start");
        }
        commands.add(command);
        secrets.add(env);
        FakeChild c = new FakeChild(listener, 1000 + children.size());
        children.add(c);
        return c;
    }

    FakeChild last() {
        return children.get(children.size() - 1);
    }
}
