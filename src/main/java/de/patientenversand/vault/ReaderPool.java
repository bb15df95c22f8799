package de.patientenversand.vault;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs per-document work that decrypts (and, for adoption, fsyncs a sidecar) on a few threads,
 * each with a {@link DocumentReader} of its own, so no identity reader is shared between threads.
 * More threads than cores on purpose: adoption waits mostly on fsync, and the file system
 * commits concurrent fsyncs together. Results come back in input order.
 */
final class ReaderPool {
    /** Threads for a long list; 4 overlaps fsync waits even on two cores. */
    static final int THREADS = 4;
    /** Shorter lists run on the calling thread. */
    static final int MIN_PARALLEL = 4;

    /** A new reader per thread. */
    @FunctionalInterface
    interface Readers {
        DocumentReader create() throws IOException;
    }

    /** The work for one item. */
    @FunctionalInterface
    interface Work<T, R> {
        R run(DocumentReader reader, T item) throws IOException;
    }

    private ReaderPool() {
    }

    static <T, R> List<R> map(List<T> items, DocumentReader callerReader, Readers readers, Work<T, R> work)
            throws IOException {
        Object[] results = new Object[items.size()];
        if (items.size() < MIN_PARALLEL) {
            for (int i = 0; i < results.length; i++) {
                results[i] = work.run(callerReader, items.get(i));
            }
            return cast(results);
        }
        int threads = Math.min(THREADS, items.size() / 2);
        AtomicInteger next = new AtomicInteger();
        List<Callable<Void>> jobs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            DocumentReader reader = readers.create();
            jobs.add(() -> {
                for (int i; (i = next.getAndIncrement()) < results.length; ) {
                    results[i] = work.run(reader, items.get(i));
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("vault-reader-", 0).daemon().factory());
        try {
            for (Future<Void> f : pool.invokeAll(jobs)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return cast(results);
    }

    @SuppressWarnings("unchecked")
    private static <R> List<R> cast(Object[] results) {
        return (List<R>) Arrays.asList(results);
    }
}
