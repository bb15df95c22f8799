package de.patientenversand.ui.inbox;

import de.patientenversand.vault.DocumentInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Sendung: the documents a practice sent in one go, as the inbox lists them. {@code searchable}
 * holds sender, link label, message and the documents' names in lower case, made once when the
 * list is loaded, so the search field does not lower-case every field of every submission at each
 * keystroke.
 */
record Submission(String id, String sender, String link, String message, Instant receivedAt,
                  List<DocumentInfo> documents, List<String> searchable) {

    Submission(String id, String sender, String link, String message, Instant receivedAt,
               List<DocumentInfo> documents) {
        this(id, sender, link, message, receivedAt, documents, searchable(sender, link, message, documents));
    }

    private static List<String> searchable(String sender, String link, String message, List<DocumentInfo> documents) {
        List<String> out = new ArrayList<>(documents.size() + 3);
        for (String field : new String[] {sender, link, message}) {
            if (field != null) {
                out.add(field.toLowerCase(Locale.ROOT));
            }
        }
        for (DocumentInfo d : documents) {
            if (d.name() != null) {
                out.add(d.name().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(out);
    }

    boolean unread() {
        return documents.stream().anyMatch(d -> !d.read());
    }

    boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String q = query.strip().toLowerCase(Locale.ROOT);
        for (String field : searchable) {
            if (field.contains(q)) {
                return true;
            }
        }
        return false;
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
