package de.patientenversand.upload.tus;

import de.patientenversand.links.OpenLink;
import de.patientenversand.upload.submission.ReceivedFile;
import de.patientenversand.upload.submission.Submission;
import de.patientenversand.upload.UploadPolicy;
import de.patientenversand.upload.UploadReceived;
import de.patientenversand.vault.IncomingDocument;
import de.patientenversand.vault.StoredDocument;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two vault steps of a resumable upload: starting the vault writer once the type is known
 * from the first bytes, and committing the document at its last byte. Only after the commit
 * returned (the document is durable) is it added to the receipt and announced.
 */
public final class TusCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(TusCommitter.class);

    private final UploadPolicy policy;
    private final TusUploads uploads;

    public TusCommitter(UploadPolicy policy, TusUploads uploads) {
        this.policy = policy;
        this.uploads = uploads;
    }

    /** Detects the type from the buffered head and begins the vault writer; false when the type is refused. */
    boolean start(TusUpload upload) throws IOException {
        byte[] head = upload.head();
        String type = policy.types().detect(head, head.length);
        if (type == null) {
            return false;
        }
        Submission s = upload.submission();
        OpenLink link = upload.link();
        upload.startWriter(policy.sink().begin(new IncomingDocument(s.id(), link.id(), link.label(), upload.name(),
                type, s.sender(), s.message())));
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
        policy.events().publish(new UploadReceived(submission.id(), stored.id(), stored.size()));
        return stored;
    }
}
