package de.patientenversand.upload;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Deque;
import java.util.Locale;

/** German by default; English by {@code ?lang=en} or when the browser prefers English. */
public final class PageLanguage {
    private PageLanguage() {
    }

    public static Locale of(HttpServerExchange exchange) {
        Deque<String> lang = exchange.getQueryParameters().get("lang");
        if (lang != null && !lang.isEmpty()) {
            return "en".equalsIgnoreCase(lang.peekFirst()) ? Locale.ENGLISH : Locale.GERMAN;
        }
        String accept = exchange.getRequestHeaders().getFirst(Headers.ACCEPT_LANGUAGE);
        if (accept == null || accept.isBlank()) {
            return Locale.GERMAN;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(accept)) {
                String tag = range.getRange().toLowerCase(Locale.ROOT);
                if (tag.startsWith("de")) {
                    return Locale.GERMAN;
                }
                if (tag.startsWith("en")) {
                    return Locale.ENGLISH;
                }
            }
        } catch (IllegalArgumentException e) {
            return Locale.GERMAN;
        }
        return Locale.GERMAN;
    }
}
