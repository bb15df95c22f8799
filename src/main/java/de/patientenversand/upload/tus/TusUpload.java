package de.patientenversand.upload.tus;

import de.patientenversand.links.OpenLink;
import de.patientenversand.upload.submission.Submission;
import de.patientenversand.vault.DocumentWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One resumable upload between creation and its last byte. The first bytes (up to 8 KiB)
 * stay in memory until the type is known; from then on every byte goes straight into the
 * vault's {@link DocumentWriter}, which hashes and encrypts it into {@code tmp/}. So the offset
 * a client may resume from is exactly what was received, and no plaintext reaches the disk.
 * One request at a time may append (the lock).
 */
public final class TusUpload {
    /** Bytes kept in memory for type detection before the vault writer starts. */
    public static final int HEAD_SIZE = 8 * 1024;

    private final String id;
    private final OpenLink link;
    private final Submission submission;
    private final String name;
    private final long length;
    private final ReentrantLock lock = new ReentrantLock();
    private final byte[] head;
    private volatile int headLength;
    private volatile DocumentWriter writer;
    private volatile Instant lastActivity;
    private volatile boolean ended;
    private final String client;

    TusUpload(String id, OpenLink link, Submission submission, String name, long length, Instant now, String client) {
        this.client = client;
        this.id = id;
        this.link = link;
        this.submission = submission;
        this.name = name;
        this.length = length;
        this.head = new byte[(int) Math.min(HEAD_SIZE, length)];
        this.lastActivity = now;
    }

    public String id() {
        return id;
    }

    /** Who created it, as {@link de.patientenversand.upload.ClientShare#keyOf} counts clients. */
    String client() {
        return client;
    }

    public String linkId() {
        return link.id();
    }

    /** The link it came through (with its token, in memory only: to check the link is still open). */
    OpenLink link() {
        return link;
    }

    public Submission submission() {
        return submission;
    }

    public String name() {
        return name;
    }

    public long length() {
        return length;
    }

    public Instant lastActivity() {
        return lastActivity;
    }

    public boolean ended() {
        return ended;
    }

    /** Bytes received so far. */
    public long offset() {
        DocumentWriter w = writer;
        return w == null ? headLength : w.size();
    }

    boolean tryLock(long millis) throws InterruptedException {
        return lock.tryLock(millis, TimeUnit.MILLISECONDS);
    }

    void unlock() {
        lock.unlock();
    }

    boolean headComplete() {
        return writer == null && headLength == head.length;
    }

    boolean writerStarted() {
        return writer != null;
    }

    byte[] head() {
        return head;
    }

    /**
     * Takes bytes: into the head while the writer has not started, else into the writer.
     * Returns how many bytes were taken (less than {@code len} only when the head became full).
     */
    int take(byte[] buf, int off, int len, Instant now) throws IOException {
        lastActivity = now;
        if (writer == null) {
            int n = Math.min(len, head.length - headLength);
            System.arraycopy(buf, off, head, headLength, n);
            headLength += n;
            return n;
        }
        writer.write(ByteBuffer.wrap(buf, off, len));
        return len;
    }

    /** Hands the head to a freshly begun vault writer. */
    void startWriter(DocumentWriter started) throws IOException {
        started.write(ByteBuffer.wrap(head, 0, headLength));
        this.writer = started;
    }

    DocumentWriter writer() {
        return writer;
    }

    /** Discards whatever was received (the writer removes its encrypted partial file). */
    void abort() {
        ended = true;
        java.util.Arrays.fill(head, (byte) 0);
        DocumentWriter w = writer;
        writer = null;
        if (w != null) {
            try {
                w.close();
            } catch (IOException ignored) {
                // the vault's startup recovery removes what is left in tmp/
            }
        }
    }

    void markEnded() {
        ended = true;
    }
}
