package de.patientenversand.upload.tus;

import de.patientenversand.links.OpenLink;
import de.patientenversand.upload.submission.Submission;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resumable uploads in progress. They live in memory only: a partial upload is an open
 * vault writer, so it cannot outlive the server process, and one that sat idle longer than the
 * expiry time is aborted (its encrypted partial file removed). Upload ids are random and bound
 * to their link: another link's token never finds them.
 */
public final class TusUploads {
    private static final Logger LOG = LoggerFactory.getLogger(TusUploads.class);

    private final Clock clock;
    private final Duration expireAfter;
    private final int maxOpen;
    private final int maxOpenPerClient;
    private final Consumer<OpenLink> releaseClaim;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, TusUpload> byId = new ConcurrentHashMap<>();

    /**
     * @param expireAfter idle time after which a partial upload is aborted
     * @param maxOpen     most partial uploads held at once (each holds memory and a file)
     * @param maxOpenPerClient most of them created by one client address: partial uploads live for
     *                    hours, so without it one client could hold them all and every other
     *                    practice's page would get 503 busy until they expire
     * @param releaseClaim gives back the link-quota claim of an upload that ends without a document
     */
    public TusUploads(Clock clock, Duration expireAfter, int maxOpen, int maxOpenPerClient,
                      Consumer<OpenLink> releaseClaim) {
        this.maxOpenPerClient = maxOpenPerClient;
        this.releaseClaim = releaseClaim;
        this.clock = clock;
        this.expireAfter = expireAfter;
        this.maxOpen = maxOpen;
    }

    /** Registers a new upload of {@code client} ({@code ClientShare.keyOf}), or empty when too many are open. */
    synchronized Optional<TusUpload> create(OpenLink link, Submission submission, String name, long length,
                                            String client) {
        if (byId.size() >= maxOpen
                || byId.values().stream().filter(u -> u.client().equals(client)).count() >= maxOpenPerClient) {
            return Optional.empty();
        }
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        TusUpload upload = new TusUpload(id, link, submission, name, length, clock.instant(), client);
        byId.put(id, upload);
        return Optional.of(upload);
    }

    /** The upload if it exists for this link. */
    Optional<TusUpload> find(String linkId, String id) {
        TusUpload upload = id == null ? null : byId.get(id);
        return upload != null && upload.linkId().equals(linkId) && !upload.ended()
                ? Optional.of(upload) : Optional.empty();
    }

    /** Forgets a finished upload. */
    void finished(TusUpload upload) {
        upload.markEnded();
        byId.remove(upload.id(), upload);
    }

    /** Aborts an upload and gives back its place in the submission; true if it was still open. */
    boolean abort(TusUpload upload) {
        if (byId.remove(upload.id(), upload)) {
            upload.abort();
            upload.submission().release();
            releaseClaim.accept(upload.link());
            return true;
        }
        return false;
    }

    /**
     * Aborts uploads idle for longer than the expiry time, and those whose link may no longer
     * receive. Returns how many were aborted.
     */
    public int sweep(Predicate<OpenLink> linkClosed) {
        var limit = clock.instant().minus(expireAfter);
        int aborted = 0;
        for (TusUpload upload : byId.values()) {
            boolean idle = upload.lastActivity().isBefore(limit);
            if (idle || linkClosed.test(upload.link())) {
                try {
                    if (!upload.tryLock(0)) {
                        continue;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return aborted;
                }
                try {
                    if (abort(upload)) {
                        aborted++;
                    }
                    LOG.info("Partial upload {} aborted ({})", upload.id(), idle ? "expired" : "link closed");
                } finally {
                    upload.unlock();
                }
            }
        }
        return aborted;
    }

    public int open() {
        return byId.size();
    }

    Clock clock() {
        return clock;
    }
}
