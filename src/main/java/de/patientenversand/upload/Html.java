package de.patientenversand.upload;

/** Escapes text for HTML element content and attribute values (names are shown as literal text, T06). */
public final class Html {
    private Html() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A minimal page of our own look: UTF-8 declared twice (header and meta), no inline script or style. */
    public static String page(String lang, String title, String bodyHtml) {
        return "<!DOCTYPE html>\n<html lang=\"" + escape(lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"robots\" content=\"noindex\">\n"
                + "<title>" + escape(title) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"/assets/page.css\">\n</head>\n<body>\n<main>\n"
                + "<h1>" + escape(title) + "</h1>\n" + bodyHtml + "\n</main>\n</body>\n</html>\n";
    }
}
