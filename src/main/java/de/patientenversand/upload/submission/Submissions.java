package de.patientenversand.upload.submission;

import de.patientenversand.vault.DocumentSink;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open submissions of the running server. Each belongs to exactly one link: a submission
 * id presented with another link's token is unknown there, so one practice can never add to
 * or read the receipt of another's submission.
 */
public final class Submissions {
    private final DocumentSink sink;
    private final Clock clock;
    private final Duration keep;
    private final Map<String, Submission> byId = new ConcurrentHashMap<>();

    /**
     * @param keep how long a submission stays in memory after it was opened (its receipt can be
     *             fetched again during that time)
     */
    public Submissions(DocumentSink sink, Clock clock, Duration keep) {
        this.sink = sink;
        this.clock = clock;
        this.keep = keep;
    }

    /** Opens a submission in the vault and remembers sender and message for its documents. */
    public Submission open(String linkId, String sender, String message, boolean ownOfUpload) throws IOException {
        String id = sink.openSubmission(linkId);
        Submission submission = new Submission(id, linkId, sender, message, ownOfUpload, clock.instant());
        byId.put(id, submission);
        return submission;
    }

    /** The submission if it exists and belongs to this link. */
    public Optional<Submission> find(String linkId, String id) {
        Submission s = id == null ? null : byId.get(id);
        return s != null && s.linkId().equals(linkId) ? Optional.of(s) : Optional.empty();
    }

    /** Forgets submissions older than the keep time; returns how many. */
    public int forgetOld() {
        var limit = clock.instant().minus(keep);
        int before = byId.size();
        byId.values().removeIf(s -> s.openedAt().isBefore(limit));
        return before - byId.size();
    }

    public Clock clock() {
        return clock;
    }
}
