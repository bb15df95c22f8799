package de.patientenversand.upload.tus;

import de.patientenversand.common.events.EventSink;
import de.patientenversand.links.OpenLink;
import de.patientenversand.upload.submission.ReceivedFile;
import de.patientenversand.upload.submission.Submission;
import de.patientenversand.upload.submission.UploadPolicy;
import de.patientenversand.upload.submission.UploadReceived;
import de.patientenversand.vault.DocumentSink;
import de.patientenversand.vault.IncomingDocument;
import de.patientenversand.vault.StoredDocument;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two vault steps of a resumable upload: starting the vault writer once the type is known
 * from the first bytes, and committing the document at its last byte. Only after the commit
 * returned (the document is durable) is it added to the receipt and announced.
 */
public final class TusCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(TusCommitter.class);

    private final DocumentSink sink;
    private final UploadPolicy policy;
    private final EventSink events;
    private final TusUploads uploads;

    public TusCommitter(DocumentSink sink, UploadPolicy policy, EventSink events, TusUploads uploads) {
        this.sink = sink;
        this.policy = policy;
        this.events = events;
        this.uploads = uploads;
    }

    /** Detects the type from the buffered head and begins the vault writer; false when the type is refused. */
    boolean start(TusUpload upload) throws IOException {
        byte[] head = upload.head();
        Optional<String> type = policy.detectType(head, head.length);
        if (type.isEmpty()) {
            return false;
        }
        Submission s = upload.submission();
        OpenLink link = upload.link();
        upload.startWriter(sink.begin(new IncomingDocument(s.id(), link.id(), link.label(), upload.name(),
                type.get(), s.sender(), s.message())));
        return true;
    }

    /** Makes the document durable, lists it in its submission and publishes {@code UploadReceived}. */
    StoredDocument commit(TusUpload upload) throws IOException {
        StoredDocument stored = upload.writer().commit();
        Submission submission = upload.submission();
        submission.add(new ReceivedFile(stored.id(), upload.name(), stored.size(), stored.sha256(), stored.receivedAt()));
        uploads.finished(upload);
        if (submission.ownOfUpload()) {
            submission.close(stored.receivedAt());
        }
        LOG.info("Document {} stored in submission {}", stored.id(), submission.id());
        events.publish(new UploadReceived(stored.id(), submission.id(), upload.linkId(), stored.size()));
        return stored;
    }
}
