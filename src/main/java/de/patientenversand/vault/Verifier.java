package de.patientenversand.vault;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code verify}: every row has its blob, every blob decrypts, hash and MAC match. */
final class Verifier {
    private final DocumentRows rows;
    private final DocumentReader reader;
    private final boolean recipientMismatch;

    Verifier(DocumentRows rows, DocumentReader reader, boolean recipientMismatch) {
        this.rows = rows;
        this.reader = reader;
        this.recipientMismatch = recipientMismatch;
    }

    VerifyReport run() throws IOException {
        int total = 0;
        int ok = 0;
        List<VerifyReport.Finding> damaged = new ArrayList<>();
        List<VerifyReport.Finding> unconfirmed = new ArrayList<>();
        for (DocumentRows.Row row : rows.all()) {
            total++;
            DocumentReader.Check check = reader.check(row.id(), row.sealedMeta(), row.mac());
            String name = check.sealed() == null ? "" : check.sealed().meta().name();
            switch (check.state()) {
                case OK -> ok++;
                case UNCONFIRMED -> unconfirmed.add(new VerifyReport.Finding(row.id(), name, "not confirmed"));
                case DAMAGED -> {
                    damaged.add(new VerifyReport.Finding(row.id(), name, check.reason()));
                    rows.setDamaged(row.id());
                }
            }
        }
        return new VerifyReport(total, ok, damaged, unconfirmed, recipientMismatch);
    }
}
