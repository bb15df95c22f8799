package de.patientenversand.reliability;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Location;
import com.sun.jdi.Method;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code serve} command ({@code de.patientenversand.launcher.Main serve}) in a forked JVM,
 * optionally with a debugger attached ({@link #debugged}): the seam of the kill -9 suite lives
 * entirely outside the production code. {@link #arm(KillPoint)} sets breakpoints on the point's
 * method entries; when the last step is reached, that thread stays stopped (the rest of the
 * process runs on) until {@link #kill()} sends SIGKILL, so the process dies exactly there.
 */
final class ForkedServe implements AutoCloseable {
    private static final String JDWP_LINE = "Listening for transport dt_socket at address: ";
    private static final String LISTENING = "Listening on ";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final VirtualMachine vm;
    private final CountDownLatch halted = new CountDownLatch(1);
    private final int port;
    private volatile Armed armed;
    private final java.util.Set<ReferenceType> prepared = new java.util.HashSet<>();

    private ForkedServe(Process process, boolean debugged) throws IOException, InterruptedException {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // the process was killed
            }
        }, "serve-stdout");
        reader.setDaemon(true);
        reader.start();
        if (debugged) {
            String jdwp = await(l -> l.startsWith(JDWP_LINE), "the debugger's address");
            this.vm = attach(Integer.parseInt(jdwp.substring(JDWP_LINE.length()).strip()));
            Thread events = new Thread(this::eventLoop, "serve-debugger");
            events.setDaemon(true);
            events.start();
        } else {
            this.vm = null;
        }
        String listening = await(l -> l.startsWith(LISTENING), "Listening on");
        String url = listening.substring(LISTENING.length()).strip();
        this.port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    /**
     * Starts {@code serve --data-dir dataDir --port 0} with {@code javaTmp} as its java.io.tmpdir and
     * its stderr appended to {@code stderr}; returns once it listens.
     */
    static ForkedServe start(Path dataDir, Path javaTmp, Path stderr) throws IOException, InterruptedException {
        return start(dataDir, javaTmp, stderr, false);
    }

    /** As {@link #start}, with further JVM options (given last, so e.g. an {@code -Xmx} there wins). */
    static ForkedServe start(Path dataDir, Path javaTmp, Path stderr, List<String> jvmOptions)
            throws IOException, InterruptedException {
        return start(dataDir, javaTmp, stderr, false, jvmOptions);
    }

    /** As {@link #start}, with a debugger attached, ready for {@link #arm(KillPoint)}. */
    static ForkedServe debugged(Path dataDir, Path javaTmp, Path stderr) throws IOException, InterruptedException {
        return start(dataDir, javaTmp, stderr, true);
    }

    private static ForkedServe start(Path dataDir, Path javaTmp, Path stderr, boolean debugged)
            throws IOException, InterruptedException {
        return start(dataDir, javaTmp, stderr, debugged, List.of());
    }

    private static ForkedServe start(Path dataDir, Path javaTmp, Path stderr, boolean debugged, List<String> options)
            throws IOException, InterruptedException {
        List<String> jvm = new ArrayList<>(List.of("-Djava.io.tmpdir=" + javaTmp));
        if (debugged) {
            jvm.add("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0");
        }
        jvm.addAll(options);
        Process p = serve(jvm, dataDir).redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile())).start();
        try {
            return new ForkedServe(p, debugged);
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** {@code java [jvm options] … Main serve --data-dir D --port 0 --tunnel off} with the test class path. */
    static ProcessBuilder serve(List<String> jvmOptions, Path dataDir) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "de.patientenversand.launcher.Main",
                "serve", "--data-dir", dataDir.toString(), "--port", "0", "--tunnel", "off"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("PATIENTENVERSAND_"));
        return pb;
    }

    private static VirtualMachine attach(int port) throws IOException {
        AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(c -> c.transport().name().equals("dt_socket")).findFirst().orElseThrow();
        Map<String, Connector.Argument> args = socket.defaultArguments();
        args.get("hostname").setValue("127.0.0.1");
        args.get("port").setValue(String.valueOf(port));
        args.get("timeout").setValue("20000");
        try {
            return socket.attach(args);
        } catch (com.sun.jdi.connect.IllegalConnectorArgumentsException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Lines the process printed on stdout so far (events as JSON lines, Listening…). */
    List<String> stdout() {
        lines.drainTo(seen);
        return List.copyOf(seen);
    }

    private String await(java.util.function.Predicate<String> what, String description) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            String l = lines.poll(100, TimeUnit.MILLISECONDS);
            if (l != null) {
                seen.add(l);
                if (what.test(l)) {
                    return l;
                }
            } else if (!process.isAlive()) {
                break;
            }
        }
        throw new AssertionError("serve never printed " + description + "; stdout: " + seen);
    }

    /** Sets the point's breakpoints; from now on matching method entries count. */
    synchronized void arm(KillPoint point) {
        if (vm == null) {
            throw new IllegalStateException("started without a debugger");
        }
        if (armed != null) {
            throw new IllegalStateException("already armed");
        }
        armed = new Armed(point);
        for (String type : point.steps().stream().map(KillPoint.Step::type).distinct().toList()) {
            // watch for the class first, then look: a class loaded in between is not missed
            ClassPrepareRequest prepare = vm.eventRequestManager().createClassPrepareRequest();
            prepare.addClassFilter(type);
            prepare.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
            prepare.enable();
            vm.classesByName(type).forEach(this::breakpoints);
        }
    }

    private void breakpoints(ReferenceType type) {
        if (!prepared.add(type)) {
            return;
        }
        for (KillPoint.Step step : armed.point.steps()) {
            if (!step.type().equals(type.name())) {
                continue;
            }
            for (Method m : type.methodsByName(step.method())) {
                if (step.signature() != null && !step.signature().equals(m.signature())) {
                    continue;
                }
                Location at = m.location();
                if (at == null || m.isAbstract() || m.isNative()) {
                    continue;
                }
                BreakpointRequest bp = vm.eventRequestManager().createBreakpointRequest(at);
                bp.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
                bp.enable();
            }
        }
    }

    /** Waits until the armed point is reached; false if it was not reached in time. */
    boolean awaitHalt(long seconds) throws InterruptedException {
        return halted.await(seconds, TimeUnit.SECONDS);
    }

    /** What the halted thread was doing: its frames, innermost first. */
    String haltedAt() {
        return armed == null ? "" : armed.haltedStack;
    }

    /** SIGKILL (Process.destroyForcibly on Linux), then waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("serve did not die");
        }
    }

    /** SIGTERM, as a self-hoster stops serve; true if it ended in time. */
    boolean stop() throws InterruptedException {
        process.toHandle().destroy();
        return process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean alive() {
        return process.isAlive();
    }

    private void eventLoop() {
        try {
            while (true) {
                EventSet set = vm.eventQueue().remove();
                boolean resume = true;
                boolean counted = false; // one method entry, even if two requests reported it
                for (Event e : set) {
                    if (e instanceof ClassPrepareEvent loaded) {
                        synchronized (this) {
                            breakpoints(loaded.referenceType());
                        }
                    } else if (e instanceof BreakpointEvent hit && armed != null && !counted) {
                        counted = true;
                        if (armed.reached(hit)) {
                            resume = false;
                            halted.countDown();
                        }
                    }
                }
                if (resume) {
                    set.resume();
                }
            }
        } catch (VMDisconnectedException | InterruptedException e) {
            // the process is gone
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        if (vm != null) {
            try {
                vm.dispose();
            } catch (VMDisconnectedException e) {
                // already gone
            }
        }
    }

    /** The progress through an armed point's steps. */
    private static final class Armed {
        final KillPoint point;
        int step;
        int count;
        volatile String haltedStack = "";

        Armed(KillPoint point) {
            this.point = point;
        }

        /** Counts a method entry; true when it is the point's last step (the thread stays stopped). */
        synchronized boolean reached(BreakpointEvent hit) {
            if (step >= point.steps().size()) {
                return false;
            }
            KillPoint.Step s = point.steps().get(step);
            Method m = hit.location().method();
            if (!m.declaringType().name().equals(s.type()) || !m.name().equals(s.method())
                    || (s.signature() != null && !s.signature().equals(m.signature()))) {
                return false;
            }
            List<String> frames;
            try {
                frames = hit.thread().frames().stream().map(Armed::name).toList();
            } catch (IncompatibleThreadStateException e) {
                return false;
            }
            if (s.caller() != null && (frames.size() < 2 || !frames.get(1).equals(s.caller()))) {
                return false;
            }
            if (!frames.containsAll(s.within())) {
                return false;
            }
            if (++count < s.occurrence()) {
                return false;
            }
            step++;
            count = 0;
            if (step < point.steps().size()) {
                return false;
            }
            haltedStack = String.join(" < ", frames.subList(0, Math.min(8, frames.size())));
            return true;
        }

        private static String name(StackFrame f) {
            Method m = f.location().method();
            return m.declaringType().name() + "." + m.name();
        }
    }
}
