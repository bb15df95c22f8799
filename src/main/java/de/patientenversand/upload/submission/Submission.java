package de.patientenversand.upload.submission;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A submission (Sendung) while it is open in the server's memory: the sender and message the
 * practice typed, the documents already stored and the uploads still running. Sender and
 * message are personal data; they live only here and, sealed, in the vault.
 */
public final class Submission {
    private final String id;
    private final String linkId;
    private final String sender;
    private final String message;
    private final boolean ownOfUpload;
    private final Instant openedAt;
    private final List<ReceivedFile> files = new ArrayList<>();
    private int running;
    private Instant closedAt;

    Submission(String id, String linkId, String sender, String message, boolean ownOfUpload, Instant openedAt) {
        this.id = id;
        this.linkId = linkId;
        this.sender = sender;
        this.message = message;
        this.ownOfUpload = ownOfUpload;
        this.openedAt = openedAt;
    }

    public String id() {
        return id;
    }

    public String linkId() {
        return linkId;
    }

    public String sender() {
        return sender;
    }

    public String message() {
        return message;
    }

    /** True when a tus upload without {@code submission} metadata formed this submission by itself. */
    public boolean ownOfUpload() {
        return ownOfUpload;
    }

    public Instant openedAt() {
        return openedAt;
    }

    /** Reserves a place for one more document; false when closed or when {@code max} is reached. */
    public synchronized boolean reserve(int max) {
        if (closedAt != null || files.size() + running >= max) {
            return false;
        }
        running++;
        return true;
    }

    /** Gives back a reserved place of an upload that ended without a document. */
    public synchronized void release() {
        if (running > 0) {
            running--;
        }
    }

    /** Records a stored document in place of its reservation. */
    public synchronized void add(ReceivedFile file) {
        release();
        files.add(file);
    }

    public synchronized boolean closed() {
        return closedAt != null;
    }

    public synchronized List<ReceivedFile> files() {
        return List.copyOf(files);
    }

    /** Closes the submission (idempotent) and returns the receipt of everything stored in it. */
    public synchronized Receipt close(Instant now) {
        if (closedAt == null) {
            closedAt = now;
        }
        return new Receipt(id, closedAt, List.copyOf(files));
    }
}
