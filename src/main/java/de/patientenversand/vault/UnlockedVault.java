package de.patientenversand.vault;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.common.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The vault while the patient has unlocked it: the identity is in memory (wiped on
 * {@link #close()}), documents can be listed, read, exported, adopted and deleted. Only the app
 * process and CLI commands given the password ever hold one; {@code serve} never does.
 */
public final class UnlockedVault implements Inbox {
    private final VaultLayout layout;
    private final Identity identity;
    private final Database db;
    private final DocumentRows rows;
    private final DocumentReader reader;
    private final boolean recipientMismatch;
    private final RecoveryReport recovery;
    private final IndexCache cache;
    private volatile Listing lastListing = new Listing(0, 0);

    UnlockedVault(VaultLayout layout, Identity identity, Database db, boolean recipientMismatch,
                  RecoveryReport recovery) throws IOException {
        this.layout = layout;
        this.identity = identity;
        this.db = db;
        this.rows = new DocumentRows(db);
        this.reader = newReader();
        this.recipientMismatch = recipientMismatch;
        this.recovery = recovery;
        this.cache = IndexCache.of(layout, identity);
    }

    /** A reader with its own identity reader (one per thread that decrypts). */
    private DocumentReader newReader() throws IOException {
        return new DocumentReader(layout, identity.stanzaReader(), new DocumentMac(identity.deriveKey(DocumentMac.PURPOSE)));
    }

    /**
     * Whether {@code recipient.txt} does not belong to this identity. Loud on purpose: a
     * swapped public key would send every future upload to someone else.
     */
    public boolean recipientMismatch() {
        return recipientMismatch;
    }

    /** Throws the loud, specific error if {@link #recipientMismatch()} (the CLI's choice). */
    public void requireRecipientMatches() {
        if (recipientMismatch) {
            throw new UserException("vault.recipientMismatch");
        }
    }

    public RecoveryReport recovery() {
        return recovery;
    }

    public Database database() {
        return db;
    }

    public VaultLayout layout() {
        return layout;
    }

    /** Opens data sealed with {@link Sealing#seal}; {@link DamagedException} if it does not open. */
    public byte[] unseal(byte[] sealed) throws IOException {
        try {
            return AgeFiles.open(sealed, identity.stanzaReader());
        } catch (IOException | RuntimeException e) {
            throw new DamagedException("sealed data does not open", e);
        }
    }

    /** The activity log of this vault (no personal data; see {@link ActivityLog}). */
    public ActivityLog activity() throws IOException {
        return new ActivityLog(db, java.time.Clock.systemUTC());
    }

    /**
     * Every document, newest first. Metadata comes from the encrypted {@link IndexCache} where it
     * holds an entry for exactly the row's sealed metadata, else it is opened (one X25519 operation)
     * and added; entries of documents no longer in vault.db are dropped.
     */
    @Override
    public List<DocumentInfo> documents() throws IOException {
        List<DocumentRows.Row> all = rows.all();
        DocumentReader.Sealed[] sealed = new DocumentReader.Sealed[all.size()];
        Set<String> ids = new HashSet<>(all.size() * 2);
        List<Integer> misses = new ArrayList<>();
        for (int i = 0; i < sealed.length; i++) {
            DocumentRows.Row row = all.get(i);
            ids.add(row.id());
            sealed[i] = cached(row);
            if (sealed[i] == null) {
                misses.add(i);
            }
        }
        // what the cache does not hold is opened, on a few threads when there is much (after a restore)
        List<DocumentReader.Sealed> opened = ReaderPool.map(misses, reader, this::newReader,
                (r, i) -> openAndCache(r, all.get(i)));
        for (int k = 0; k < misses.size(); k++) {
            sealed[misses.get(k)] = opened.get(k);
        }
        List<DocumentInfo> out = new ArrayList<>(all.size());
        for (int i = 0; i < sealed.length; i++) {
            out.add(info(all.get(i), sealed[i]));
        }
        cache.retainOnly(ids);
        cache.save();
        lastListing = new Listing(all.size() - misses.size(), misses.size());
        return out;
    }

    /** One document's listing entry. */
    public DocumentInfo document(String id) throws IOException {
        DocumentRows.Row row = row(id);
        DocumentReader.Sealed s = cached(row);
        return info(row, s != null ? s : openAndCache(reader, row));
    }

    /** How the last {@link #documents()} got its metadata: from the cache or by opening it. */
    record Listing(int cached, int opened) {
    }

    Listing lastListing() {
        return lastListing;
    }

    IndexCache cache() {
        return cache;
    }

    /** The row's metadata from the cache, if it holds an entry for exactly these sealed bytes. */
    private DocumentReader.Sealed cached(DocumentRows.Row row) {
        byte[] json = cache.lookup(row.id(), IndexCache.hash(row.sealedMeta()));
        return json == null ? null : reader.fromCache(row.id(), json);
    }

    /** Opens the row's sealed metadata (one X25519 operation) and caches it; null if it does not open. */
    private DocumentReader.Sealed openAndCache(DocumentReader r, DocumentRows.Row row) {
        try {
            DocumentReader.Sealed s = r.openMetadata(row.id(), row.sealedMeta());
            cache.put(row.id(), IndexCache.hash(row.sealedMeta()), s.json());
            return s;
        } catch (DamagedException e) {
            return null;
        }
    }

    /** The listing entry; {@code s} null means the sealed metadata does not open. */
    private DocumentInfo info(DocumentRows.Row row, DocumentReader.Sealed s) {
        if (s == null) {
            return new DocumentInfo(row.id(), row.submissionId(), "", 0, "", "", Timestamps.parse(row.receivedAt()),
                    "", "", null, false, DocumentState.DAMAGED.label(), row.read());
        }
        DocumentMetadata m = s.meta();
        boolean macOk = row.mac() != null && reader.mac().check(row.id(), s.json(), m.sha256(), row.mac());
        DocumentState state = row.damaged() || !Files.exists(layout.blob(row.id())) ? DocumentState.DAMAGED
                : row.mac() == null ? DocumentState.UNCONFIRMED
                : macOk ? DocumentState.OK : DocumentState.DAMAGED;
        return new DocumentInfo(row.id(), m.submission(), m.name(), m.size(), m.sha256(), m.type(),
                m.receivedInstant(), m.sender(), m.message(), m.linkLabel(), macOk && state == DocumentState.OK,
                state.label(), row.read());
    }

    @Override
    public InputStream open(String documentId) throws IOException {
        DocumentRows.Row row = row(documentId);
        DocumentReader.Sealed s = reader.openMetadata(documentId, row.sealedMeta());
        if (row.mac() != null && !reader.mac().check(documentId, s.json(), s.meta().sha256(), row.mac())) {
            rows.setDamaged(documentId);
            throw new DamagedException("the document's MAC does not match");
        }
        return reader.open(documentId, s.meta());
    }

    @Override
    public void export(String documentId, Path target) throws IOException {
        if (Files.exists(target)) {
            throw new UserException("vault.exportExists", target.toAbsolutePath().toString());
        }
        try (InputStream in = open(documentId)) {
            PatientFiles.export(in, target);
        } catch (DamagedException e) {
            rows.setDamaged(documentId);
            throw new UserException(e, "vault.documentDamaged", documentId);
        } catch (IOException e) {
            throw new UserException(e, "vault.exportFailed", target.toAbsolutePath().toString());
        }
        activity().record(ActivityKind.DOCUMENT_EXPORTED, java.util.Map.of("document", documentId));
    }

    @Override
    public void delete(String documentId) throws IOException {
        row(documentId);
        Files.deleteIfExists(layout.blob(documentId));
        rows.delete(documentId);
        Files.deleteIfExists(layout.metadata(documentId));
        Files.deleteIfExists(layout.mac(documentId));
        OwnerOnlyFiles.fsyncDirectory(layout.blobDir(documentId));
        cache.remove(documentId);
        cache.save();
        activity().record(ActivityKind.DOCUMENT_DELETED, java.util.Map.of("document", documentId));
    }

    @Override
    public void markRead(String documentId, boolean read) throws IOException {
        row(documentId);
        rows.setRead(documentId, read);
    }

    /** Documents adopted per transaction: a crash midway keeps what was recorded. */
    private static final int ADOPT_BATCH = 64;

    @Override
    public int adoptNew() throws IOException {
        List<DocumentRows.Row> candidates = rows.toAdopt();
        int adopted = 0;
        for (int from = 0; from < candidates.size(); from += ADOPT_BATCH) {
            java.util.Map<String, String> macs = new java.util.LinkedHashMap<>();
            List<String> damaged = new ArrayList<>();
            List<DocumentRows.Row> batch = candidates.subList(from, Math.min(candidates.size(), from + ADOPT_BATCH));
            // on a few threads: each document is decrypted whole and its .mac file fsynced
            List<String> results = ReaderPool.map(batch, reader, this::newReader, this::adoptionMac);
            for (int i = 0; i < batch.size(); i++) {
                if (results.get(i) == null) {
                    damaged.add(batch.get(i).id());
                } else {
                    macs.put(batch.get(i).id(), results.get(i));
                }
            }
            // the .mac files are durable before the rows say so (a crash between: adopted again)
            rows.recordAdoption(macs, damaged);
            adopted += macs.size();
        }
        if (adopted > 0) {
            cache.save();
        }
        return adopted;
    }

    /** The patient accepts a document that is not confirmed (e.g. after a rebuild); false if it is damaged. */
    public boolean confirm(String documentId) throws IOException {
        DocumentRows.Row row = row(documentId);
        String mac = adoptionMac(reader, row);
        if (mac == null) {
            rows.setDamaged(row.id());
            return false;
        }
        rows.setMac(row.id(), mac);
        return true;
    }

    /**
     * Checks a document whole and writes its {@code .mac} file; returns the MAC to record in its row,
     * or null if the document is damaged.
     */
    private String adoptionMac(DocumentReader reader, DocumentRows.Row row) throws IOException {
        DocumentReader.Check check = reader.check(row.id(), row.sealedMeta(), null);
        if (check.state() != DocumentState.UNCONFIRMED) {
            return null;
        }
        DocumentReader.Sealed s = check.sealed();
        String mac = reader.mac().compute(row.id(), s.json(), s.meta().sha256());
        DocumentMac.writeFile(layout.mac(row.id()), row.id(), mac);
        // adoption has just opened the metadata: the listing that follows need not open it again
        cache.put(row.id(), IndexCache.hash(row.sealedMeta()), s.json());
        return mac;
    }

    /** Checks every document end to end (see {@link VerifyReport}). */
    public VerifyReport verify() throws IOException {
        return new Verifier(rows, this::newReader, layout, recipientMismatch).run();
    }

    /** Re-wraps the identity under a new password; the recovery code stays valid. */
    public void changePassphrase(char[] newPassphrase, KdfParams kdf) throws IOException {
        if (newPassphrase.length == 0) {
            throw new UserException("vault.passphraseEmpty");
        }
        new IdentityFile(new java.security.SecureRandom()).rewrapPassphrase(layout.identityFile(), identity,
                newPassphrase, kdf);
    }

    /** Writes the identity as a standard age identity file (0600), for {@code age -d -i FILE}. */
    public void exportIdentity(Path file) throws IOException {
        char[] text = identity.text();
        String header = "# Patientenversand vault identity, created by key export at " + Instant.now() + "\n"
                + "# public key: " + identity.recipient().value() + "\n";
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + text.length + 1];
        try {
            System.arraycopy(head, 0, body, 0, head.length);
            for (int i = 0; i < text.length; i++) {
                body[head.length + i] = (byte) text[i];
            }
            body[body.length - 1] = '\n';
            PatientFiles.writeNew(file, body);
        } finally {
            Arrays.fill(text, '\0');
            Arrays.fill(body, (byte) 0);
        }
    }

    private DocumentRows.Row row(String id) throws IOException {
        return rows.find(id).orElseThrow(() -> new UserException("vault.documentUnknown", id));
    }

    /**
     * Opens a small value sealed to this vault's public key (a link's label and token, which
     * {@code serve} and {@code link create} seal without the password). Only an unlocked vault can.
     */
    public byte[] openSealed(byte[] sealed) throws IOException {
        return AgeFiles.open(sealed, identity.stanzaReader());
    }

    @Override
    public void close() {
        cache.clear();
        identity.close();
        db.close();
    }
}
