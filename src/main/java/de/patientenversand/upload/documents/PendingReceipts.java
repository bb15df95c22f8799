package de.patientenversand.upload.documents;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Receipt PDFs being written after their delivery was answered. Composing one takes a PDFBox
 * font subset (100-170 ms of a 50 MB tus upload, benchmarks item 2), so closing a delivery answers
 * with the JSON receipt at once and the PDF follows on one of two threads (the same bound as
 * {@code PdfComposer}'s). A download of that receipt waits for its PDF: the page offers the button
 * right after the answer. At shutdown the queued PDFs are finished before serve ends.
 */
final class PendingReceipts implements AutoCloseable {
    private final ExecutorService pool;
    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

    PendingReceipts() {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "receipt-pdf-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work} for this delivery's receipt in the background; a later call for the same delivery waits for it. */
    void submit(String submission, Runnable work) {
        CompletableFuture<Void> before = pending.get(submission);
        CompletableFuture<Void> next = (before == null ? CompletableFuture.<Void>completedFuture(null) : before)
                .handle((v, e) -> null).thenRunAsync(work, pool);
        pending.put(submission, next);
        next.whenComplete((v, e) -> pending.remove(submission, next));
    }

    /** Waits until no PDF of this delivery is pending, at most {@code max}; false when it is still being written. */
    boolean await(String submission, Duration max) throws InterruptedException {
        CompletableFuture<Void> f = pending.get(submission);
        if (f == null) {
            return true;
        }
        try {
            f.get(max.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return true; // the work logs its own failure; the download then finds no PDF (404)
        } catch (TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
