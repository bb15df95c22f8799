package de.patientenversand.ui.inbox;

import de.patientenversand.vault.DocumentInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A Sendung: the documents a practice sent in one go, as the inbox lists them. */
record Submission(String id, String sender, String link, String message, Instant receivedAt,
                  List<DocumentInfo> documents) {

    boolean unread() {
        return documents.stream().anyMatch(d -> !d.read());
    }

    boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String q = query.strip().toLowerCase(Locale.ROOT);
        if (contains(sender, q) || contains(link, q) || contains(message, q)) {
            return true;
        }
        return documents.stream().anyMatch(d -> contains(d.name(), q));
    }

    private static boolean contains(String field, String q) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(q);
    }

    /** Groups documents (newest first) into submissions, newest first. */
    static List<Submission> group(List<DocumentInfo> documents) {
        Map<String, List<DocumentInfo>> bySubmission = new LinkedHashMap<>();
        for (DocumentInfo d : documents) {
            String key = d.submission() == null ? d.id() : d.submission();
            bySubmission.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
        }
        List<Submission> out = new ArrayList<>();
        bySubmission.forEach((id, docs) -> {
            DocumentInfo first = docs.getFirst();
            Instant latest = docs.stream().map(DocumentInfo::receivedAt)
                    .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
            out.add(new Submission(id, first.sender(), first.link(), first.message(), latest, List.copyOf(docs)));
        });
        out.sort(Comparator.comparing(Submission::receivedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return out;
    }
}
