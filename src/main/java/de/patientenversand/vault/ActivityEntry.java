package de.patientenversand.vault;

import java.time.Instant;
import java.util.Map;

/**
 * One line of the activity log. {@code detail} holds ids, counts, codes and keyed hashes only.
 * {@code unusual} marks what the patient should look at (many failed link attempts, an upload
 * on a revoked link, a failed unlock); the app shows it with a warning sign.
 */
public record ActivityEntry(long id, Instant time, String kind, Map<String, Object> detail, boolean unusual) {

    public ActivityEntry {
        detail = Map.copyOf(detail);
    }

    /** The known kind, or {@link ActivityKind#OTHER}. */
    public ActivityKind knownKind() {
        return ActivityKind.of(kind);
    }
}
