package de.patientenversand.vault;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Objects;

/**
 * The {@link DocumentSink} of a vault: needs only the public key, so the internet-facing
 * {@code serve} process can store documents it can never read back.
 */
final class DocumentStore implements DocumentSink {
    private final VaultLayout layout;
    private final Recipient recipient;
    private final Database db;
    private final Clock clock;
    private final TempChannels channels;
    private final Ids ids;

    DocumentStore(VaultLayout layout, Recipient recipient, Database db, Clock clock, TempChannels channels, Ids ids) {
        this.layout = layout;
        this.recipient = recipient;
        this.db = db;
        this.clock = clock;
        this.channels = channels;
        this.ids = ids;
    }

    @Override
    public String openSubmission(String linkId) throws IOException {
        String id = ids.next();
        db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO submissions(id, link_id, created_at) VALUES (?, ?, ?)")) {
                p.setString(1, id);
                p.setString(2, linkId);
                p.setString(3, clock.instant().toString());
                p.executeUpdate();
            }
            return null;
        });
        return id;
    }

    @Override
    public DocumentWriter begin(IncomingDocument document) throws IOException {
        Objects.requireNonNull(document.submissionId(), "submission id");
        String id = ids.next();
        TempChannels.PartialFile file;
        try {
            file = channels.create(layout.partial(id));
        } catch (IOException e) {
            throw StorageFailures.orFull(e, layout.tmp());
        }
        try {
            return new VaultDocumentWriter(id, document, layout, recipient, db, clock, file);
        } catch (IOException | RuntimeException e) {
            file.close();
            java.nio.file.Files.deleteIfExists(layout.partial(id));
            throw e;
        }
    }
}
