package de.patientenversand.reliability;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The heap of a forked JVM while it works, seen two ways. Live: every {@code everyMillis} a full
 * collection is asked for over JMX (the attach API starts the process's local management agent)
 * and the heap in use right after it is the live set at that moment — what the process really
 * holds, garbage excluded. And afterwards its {@code -Xlog:gc} file ({@link #gcLogOption}) gives
 * every collection's before/after figures.
 */
final class HeapWatch implements AutoCloseable {
    private static final Pattern GC_LINE = Pattern.compile("GC\\(\\d+\\) (Pause [^(]+)\\(.*?\\) (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final Thread sampler;
    private final AtomicLong peakLive = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private volatile boolean stop;

    private HeapWatch(JMXConnector connector, MemoryMXBean memory, long everyMillis) {
        this.connector = connector;
        this.memory = memory;
        this.sampler = Thread.ofPlatform().daemon().name("heap-watch").start(() -> {
            while (!stop) {
                try {
                    memory.gc();
                    long used = memory.getHeapMemoryUsage().getUsed();
                    peakLive.accumulateAndGet(used, Math::max);
                    samples.incrementAndGet();
                    Thread.sleep(everyMillis);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    return; // the process is gone
                }
            }
        });
    }

    /** The JVM option that writes the collections of the forked JVM to {@code file}. */
    static String gcLogOption(Path file) {
        return "-Xlog:gc:file=" + file + ":uptime";
    }

    /** Attaches to process {@code pid} and samples its live heap every {@code everyMillis}. */
    static HeapWatch attach(long pid, long everyMillis) throws IOException {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (com.sun.tools.attach.AttachNotSupportedException e) {
            throw new IOException("cannot attach to " + pid, e);
        }
        JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(address));
        MemoryMXBean m = ManagementFactory.newPlatformMXBeanProxy(c.getMBeanServerConnection(),
                ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        return new HeapWatch(c, m, everyMillis);
    }

    /** The largest heap in use right after a requested full collection, in bytes. */
    long peakLiveBytes() {
        return peakLive.get();
    }

    long samples() {
        return samples.get();
    }

    /** The figures of a {@code -Xlog:gc} file. */
    record GcLog(int collections, int full, long peakBeforeBytes, long peakAfterBytes, long peakCommittedBytes) {
        static GcLog read(Path file) throws IOException {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            int n = 0;
            int full = 0;
            long before = 0;
            long after = 0;
            long committed = 0;
            for (String l : lines) {
                Matcher m = GC_LINE.matcher(l);
                if (!m.find()) {
                    continue;
                }
                n++;
                if (m.group(1).startsWith("Pause Full")) {
                    full++;
                }
                before = Math.max(before, bytes(m.group(2), m.group(3)));
                after = Math.max(after, bytes(m.group(4), m.group(5)));
                committed = Math.max(committed, bytes(m.group(6), m.group(7)));
            }
            return new GcLog(n, full, before, after, committed);
        }

        private static long bytes(String n, String unit) {
            long v = Long.parseLong(n);
            return switch (unit) {
                case "K" -> v * 1024;
                case "M" -> v * 1024 * 1024;
                default -> v * 1024 * 1024 * 1024;
            };
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop = true;
        sampler.interrupt();
        sampler.join(10_000);
        try {
            connector.close();
        } catch (IOException e) {
            // the process is gone already
        }
    }
}
