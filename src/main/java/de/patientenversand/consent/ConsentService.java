package de.patientenversand.consent;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The patient's consent (Einwilligung) per link: validate, render, keep every version encrypted
 * under the link's token-derived key (purpose "consent"). Changing the consent adds a version;
 * older versions stay readable. The app has the token because the vault seals it for the UI
 * ({@code LinkService.list} with the unlocked vault); the server has it in the request.
 */
public final class ConsentService {
    static final String PURPOSE = "consent";
    private static final String PREFIX = "consent-";
    private final LinkBoundFiles files;
    private final ConsentPdf pdf;
    private final Clock clock;

    public ConsentService(LinkBoundFiles files, ConsentPdf pdf, Clock clock) {
        this.files = files;
        this.pdf = pdf;
        this.clock = clock;
    }

    /** A stored version: its number and the PDF. */
    public record Version(int number, byte[] pdf) {
    }

    /** Validates, renders and stores a new version; returns it. */
    public Version set(String linkId, String token, Instant linkExpiresAt, ConsentData data) throws IOException {
        data.validated(LocalDate.now(clock));
        int next = versions(linkId).stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        byte[] bytes = pdf.render(data, linkExpiresAt, next);
        files.write(linkId, token, PURPOSE, name(next), bytes);
        return new Version(next, bytes);
    }

    /** The version numbers stored for this link, oldest first (needs no token). */
    public List<Integer> versions(String linkId) throws IOException {
        return files.names(linkId, PREFIX).stream().map(n -> Integer.parseInt(n.substring(PREFIX.length()))).sorted().toList();
    }

    public boolean exists(String linkId) {
        try {
            return !versions(linkId).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** The newest version's PDF, or {@code null} when there is none (or the token does not open it). */
    public byte[] latest(String linkId, String token) throws IOException {
        List<Integer> all = versions(linkId);
        return all.isEmpty() ? null : version(linkId, token, all.get(all.size() - 1));
    }

    public byte[] version(String linkId, String token, int number) throws IOException {
        return files.read(linkId, token, PURPOSE, name(number));
    }

    private static String name(int version) {
        return PREFIX + String.format("%04d", version);
    }
}
