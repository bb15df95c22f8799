package de.patientenversand.consent;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.links.Sealer;
import de.patientenversand.links.Unsealer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Keeps each delivery's receipt PDF twice: encrypted under the link's token-derived key (purpose
 * "receipt") so the practice can fetch it with the same link for {@link #KEEP} after the upload
 * (the server has the token in the request and never needs the private key), and sealed to the
 * vault's public key so the patient's app keeps the same receipt with the delivery.
 */
public final class ReceiptStore {
    public static final Duration KEEP = Duration.ofHours(24);
    static final String PURPOSE = "receipt";
    private final LinkBoundFiles files;
    private final Sealer sealer;
    private final Clock clock;

    public ReceiptStore(LinkBoundFiles files, Sealer sealer, Clock clock) {
        this.files = files;
        this.sealer = sealer;
        this.clock = clock;
    }

    public void store(String linkId, String token, String submission, Instant receivedAt, byte[] pdf) throws IOException {
        byte[] framed = ByteBuffer.allocate(8 + pdf.length).putLong(receivedAt.toEpochMilli()).put(pdf).array();
        files.write(linkId, token, PURPOSE, name(submission), framed);
        Path sealed = sealedFile(linkId, submission);
        OwnerOnlyFiles.writeAtomically(sealed, sealer.seal(pdf));
    }

    /** The receipt for this link's delivery while it may still be fetched, else {@code null}. */
    public byte[] forPractice(String linkId, String token, String submission) throws IOException {
        if (!validId(submission)) {
            return null;
        }
        byte[] framed = files.read(linkId, token, PURPOSE, name(submission));
        if (framed == null || framed.length < 8) {
            return null;
        }
        Instant at = Instant.ofEpochMilli(ByteBuffer.wrap(framed).getLong());
        if (clock.instant().isAfter(at.plus(KEEP))) {
            return null;
        }
        return Arrays.copyOfRange(framed, 8, framed.length);
    }

    /** The patient's copy, opened with the unlocked vault; {@code null} if there is none. */
    public byte[] forPatient(String linkId, String submission, Unsealer vault) throws IOException {
        try {
            return vault.unseal(Files.readAllBytes(sealedFile(linkId, submission)));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private Path sealedFile(String linkId, String submission) {
        return files.folder(linkId).resolve(name(submission) + ".age");
    }

    static boolean validId(String submission) {
        return submission != null && submission.matches("[A-Za-z0-9_-]{1,64}");
    }

    private static String name(String submission) {
        if (!validId(submission)) {
            throw new IllegalArgumentException("bad submission id");
        }
        return "receipt-" + submission;
    }
}
