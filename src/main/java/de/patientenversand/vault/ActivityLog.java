package de.patientenversand.vault;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The activity log ("Aktivität") in the vault's {@code events} table. It is readable without
 * the password ({@code log}), so it must never hold anything personal: {@link #record} accepts
 * only detail keys from a fixed list and values that are numbers, booleans or short tokens of
 * letters, digits and {@code _-:.} (ids, codes, hex hashes, times). A file name, sender,
 * message, token or clear address is refused by construction, not by care at each call site.
 * Entries older than {@link #RETENTION} are removed when the log is opened and at each record.
 */
public final class ActivityLog {
    /** How long entries are kept. */
    public static final Duration RETENTION = Duration.ofDays(90);
    /** Failed link attempts from one address at which an entry counts as unusual. */
    public static final int MANY_FAILED_ATTEMPTS = 10;
    /** Allowed detail keys: ids, sizes, counts, codes, states, keyed hashes. */
    static final Set<String> KEYS = Set.of("submission", "document", "link", "size", "bytes", "code", "count",
            "addressHash", "state", "reason", "documents", "files", "copied", "removed", "damaged", "mode",
            "formatVersion", "vanished", "kept");
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9_:.\\-]{0,96}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Clock clock;

    /** Opens the log and removes entries older than 90 days. */
    public ActivityLog(Database db, Clock clock) throws IOException {
        this.db = db;
        this.clock = clock;
        prune();
    }

    /**
     * Records an entry. Detail keys outside the allowed list, and values that are not numbers,
     * booleans or safe tokens, are refused with {@link IllegalArgumentException}.
     */
    public void record(ActivityKind kind, Map<String, ?> detail) throws IOException {
        record(kind.wire(), detail);
    }

    /** As {@link #record(ActivityKind, Map)} for a kind named by an event type. */
    public void record(String kind, Map<String, ?> detail) throws IOException {
        if (!SAFE_VALUE.matcher(kind).matches() || kind.isEmpty()) {
            throw new IllegalArgumentException("bad activity kind");
        }
        Map<String, Object> clean = new TreeMap<>();
        for (Map.Entry<String, ?> e : detail.entrySet()) {
            if (!KEYS.contains(e.getKey()) || !safe(e.getValue())) {
                throw new IllegalArgumentException("activity detail not allowed: " + e.getKey());
            }
            clean.put(e.getKey(), e.getValue());
        }
        String json = JSON.writeValueAsString(clean);
        String now = clock.instant().toString();
        db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO events(time, kind, detail) VALUES (?, ?, ?)")) {
                p.setString(1, now);
                p.setString(2, kind);
                p.setString(3, json);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Whether a value may go into the log. */
    static boolean safe(Object value) {
        return value instanceof Number || value instanceof Boolean
                || value instanceof String s && SAFE_VALUE.matcher(s).matches();
    }

    /** Entries at or after {@code since}, oldest first. */
    public List<ActivityEntry> list(Instant since) throws IOException {
        return db.read(c -> {
            List<ActivityEntry> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id, time, kind, detail FROM events WHERE time >= ? ORDER BY time, id")) {
                p.setString(1, since.toString());
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> detail = parse(rs.getString(4));
                        String kind = rs.getString(3);
                        out.add(new ActivityEntry(rs.getLong(1), Instant.parse(rs.getString(2)), kind, detail,
                                unusual(ActivityKind.of(kind), detail)));
                    }
                }
            }
            return out;
        });
    }

    /** Removes entries older than {@link #RETENTION}; returns how many. */
    public int prune() throws IOException {
        String cutoff = clock.instant().minus(RETENTION).toString();
        return db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM events WHERE time < ?")) {
                p.setString(1, cutoff);
                return p.executeUpdate();
            }
        });
    }

    /** What the app marks with a warning sign. */
    static boolean unusual(ActivityKind kind, Map<String, Object> detail) {
        return switch (kind) {
            case UNLOCK_FAILED, RATE_LIMITED, BACKUP_FAILED -> true;
            case UPLOAD_REFUSED -> "link_revoked".equals(detail.get("code"));
            case LINK_ATTEMPT_FAILED -> detail.get("count") instanceof Number n
                    && n.intValue() >= MANY_FAILED_ATTEMPTS;
            default -> false;
        };
    }

    private static Map<String, Object> parse(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> m = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
            m.values().removeIf(v -> v == null);
            return m;
        } catch (IOException e) {
            return Map.of();
        }
    }
}
