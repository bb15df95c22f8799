package de.patientenversand.reliability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Sets how many tries each hostile-input property runs and proves they ran. The CI run takes
 * the {@code tries} of {@code @Property}; {@code -Dpv.long=true} (passed on by Surefire) runs
 * {@link #LONG_FACTOR} times as many. After the property it checks that jqwik really ran every
 * try and that the property body saw each of them (a property that silently runs no try fails),
 * writes tried/handled to the {@link ReliabilityLedger} and prints one line per property.
 */
public final class HostileTries implements AroundPropertyHook {
    static final String SUITE = "hostile-input";
    static final int LONG_FACTOR = 10;
    private static final AtomicLong TRIED = new AtomicLong();
    private static final AtomicLong HANDLED = new AtomicLong();
    private static final java.util.concurrent.atomic.AtomicBoolean OPEN_TRY = new java.util.concurrent.atomic.AtomicBoolean();
    /** Tries that ran, by property, for the total check at the end of the container. */
    static final Map<String, Integer> RAN = new ConcurrentHashMap<>();

    static boolean longMode() {
        return Boolean.getBoolean("pv.long");
    }

    /** Called by a property body when a try starts. */
    static void tried() {
        TRIED.incrementAndGet();
        OPEN_TRY.set(true);
    }

    /** True when the last try that started did not get to {@link #handled()}. */
    static boolean lastTryFailed() {
        return OPEN_TRY.getAndSet(false);
    }

    /** Called by a property body when every check of a try held. */
    static void handled() {
        HANDLED.incrementAndGet();
        OPEN_TRY.set(false);
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        int declared = context.attributes().tries()
                .orElseThrow(() -> new IllegalStateException("hostile properties declare their tries"));
        int tries = longMode() ? declared * LONG_FACTOR : declared;
        context.attributes().setTries(tries);
        long triedBefore = TRIED.get();
        long handledBefore = HANDLED.get();
        long start = System.nanoTime();
        PropertyExecutionResult result = property.execute();
        long tried = TRIED.get() - triedBefore;
        long handled = HANDLED.get() - handledBefore;
        long millis = (System.nanoTime() - start) / 1_000_000;
        ReliabilityLedger.record(SUITE, ReliabilityLedger.HOSTILE_TRIED, tried);
        ReliabilityLedger.record(SUITE, ReliabilityLedger.HOSTILE_HANDLED, handled);
        System.out.printf("hostile-input %s: %d tries by jqwik, %d tried, %d handled, %d ms%n",
                context.label(), result.countTries(), tried, handled, millis);
        if (result.status() == PropertyExecutionResult.Status.SUCCESSFUL) {
            RAN.put(context.label(), result.countTries());
        }
        if (result.status() == PropertyExecutionResult.Status.SUCCESSFUL
                && (result.countTries() != tries || tried != tries || handled != tries)) {
            return result.mapToFailed("expected " + tries + " tries, jqwik ran " + result.countTries()
                    + ", the body saw " + tried + " and " + handled + " held");
        }
        return result;
    }
}
