package de.patientenversand.vault;

import de.patientenversand.common.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code verify}: every row has its blob, every blob decrypts, hash and MAC match. The sidecars
 * beside a sound document ({@code <id>.meta.age}, {@code <id>.mac}) are compared with its
 * checked row and renewed from it when they differ or are missing: they are what
 * {@code verify --rebuild} has left when vault.db is lost, so damage to them must not wait
 * unnoticed until then.
 */
final class Verifier {
    private final DocumentRows rows;
    private final ReaderPool.Readers readers;
    private final VaultLayout layout;
    private final boolean recipientMismatch;

    Verifier(DocumentRows rows, ReaderPool.Readers readers, VaultLayout layout, boolean recipientMismatch) {
        this.rows = rows;
        this.readers = readers;
        this.layout = layout;
        this.recipientMismatch = recipientMismatch;
    }

    VerifyReport run() throws IOException {
        List<DocumentRows.Row> all = rows.all();
        DocumentReader.Check[] checks = checkAll(all);
        int total = 0;
        int ok = 0;
        List<VerifyReport.Finding> damaged = new ArrayList<>();
        List<VerifyReport.Finding> unconfirmed = new ArrayList<>();
        List<VerifyReport.Finding> renewed = new ArrayList<>();
        List<String> damagedIds = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            DocumentRows.Row row = all.get(i);
            DocumentReader.Check check = checks[i];
            total++;
            String name = check.sealed() == null ? "" : check.sealed().meta().name();
            switch (check.state()) {
                case OK -> {
                    ok++;
                    if (renewSidecars(row)) {
                        renewed.add(new VerifyReport.Finding(row.id(), name, "sidecar renewed"));
                    }
                }
                case UNCONFIRMED -> unconfirmed.add(new VerifyReport.Finding(row.id(), name, "not confirmed"));
                case DAMAGED -> {
                    damaged.add(new VerifyReport.Finding(row.id(), name, check.reason()));
                    damagedIds.add(row.id());
                }
            }
        }
        rows.recordAdoption(java.util.Map.of(), damagedIds);
        return new VerifyReport(total, ok, damaged, unconfirmed, renewed, recipientMismatch);
    }

    /** Checks every row (reads only) on a few threads; results in row order. */
    private DocumentReader.Check[] checkAll(List<DocumentRows.Row> all) throws IOException {
        return ReaderPool.map(all, readers.create(), readers::create,
                (reader, row) -> reader.check(row.id(), row.sealedMeta(), row.mac())).toArray(new DocumentReader.Check[0]);
    }

    /** Rewrites the sidecars of a checked document from its row if they differ; true if it did. */
    private boolean renewSidecars(DocumentRows.Row row) throws IOException {
        boolean renewed = false;
        Path meta = layout.metadata(row.id());
        if (!Files.isRegularFile(meta) || !Arrays.equals(Files.readAllBytes(meta), row.sealedMeta())) {
            OwnerOnlyFiles.writeAtomically(meta, row.sealedMeta());
            renewed = true;
        }
        if (!row.mac().equals(DocumentMac.readFile(layout.mac(row.id()), row.id()))) {
            DocumentMac.writeFile(layout.mac(row.id()), row.id(), row.mac());
            renewed = true;
        }
        return renewed;
    }
}
