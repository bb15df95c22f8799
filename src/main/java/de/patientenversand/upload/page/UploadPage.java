package de.patientenversand.upload.page;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.patientenversand.upload.Html;
import de.patientenversand.links.OpenLink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the upload page for a link from {@code upload/page.html} and the page's own text
 * bundle. Every value from a link (patient name, label) is HTML-escaped; the texts for the
 * script travel as a JSON data block, which the CSP does not treat as script. The page carries
 * no script or style of its own: both come from {@code /assets/}.
 */
public final class UploadPage {
    // German is the base bundle: never fall back to the JVM's default locale instead
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Pattern SLOT = Pattern.compile("\\{\\{(\\w+)}}");
    private final String template;
    private final ObjectMapper json = new ObjectMapper();
    private final long maxFileSize;

    public UploadPage(long maxFileSize) {
        this.maxFileSize = maxFileSize;
        try (InputStream in = UploadPage.class.getResourceAsStream("/upload/page.html")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param action the form's action, relative to the page ({@code TOKEN/upload}); it is the
     *               only place the page repeats the token, which the address bar shows anyway
     */
    public String render(OpenLink link, Locale locale, String action, boolean consent) {
        return render(link, locale, action, consent, false);
    }

    /**
     * @param addressChanges the page came through an address that the app's next start replaces
     *                       (a quick tunnel); the form carries {@code data-address="changes"}
     *                       instead of {@code "fixed"}
     */
    public String render(OpenLink link, Locale locale, String action, boolean consent, boolean addressChanges) {
        ResourceBundle texts = ResourceBundle.getBundle("upload.page", locale, NO_FALLBACK);
        String maxMb = Long.toString(maxFileSize / (1024 * 1024));
        String name = link.patientName() == null ? "" : link.patientName().strip();
        Map<String, String> v = new HashMap<>();
        v.put("lang", locale.getLanguage());
        v.put("title", name.isEmpty() ? texts.getString("title.noName") : format(texts, "title", locale, name));
        v.put("brand", texts.getString("brand"));
        v.put("langSwitch", texts.getString("lang.switch"));
        v.put("langSwitchCode", texts.getString("lang.switch.code"));
        v.put("linkLabel", format(texts, "link.label", locale, link.label()));
        v.put("checkcodeLabel", texts.getString("checkcode.label"));
        v.put("checkcode", link.checkCode());
        v.put("checkcodeHint", texts.getString("checkcode.hint"));
        v.put("action", action);
        v.put("maxMb", maxMb);
        v.put("address", addressChanges ? "changes" : "fixed");
        v.put("dropTitle", texts.getString("drop.title"));
        v.put("dropOr", texts.getString("drop.or"));
        v.put("dropChoose", texts.getString("drop.choose"));
        v.put("dropLimits", format(texts, "drop.limits", locale, maxMb));
        v.put("filesHeading", texts.getString("files.heading"));
        v.put("senderLabel", texts.getString("sender.label"));
        v.put("messageLabel", texts.getString("message.label"));
        v.put("optional", texts.getString("optional"));
        v.put("nojsHint", texts.getString("nojs.hint"));
        v.put("send", texts.getString("send"));
        v.put("footerEncrypted", texts.getString("footer.encrypted"));
        v.put("footerCompliance", texts.getString("footer.compliance"));
        Map<String, String> raw = new HashMap<>();
        raw.put("consent", consent ? "<p class=\"consent\"><a href=\"" + Html.escape(action.replace("/upload", "/consent.pdf"))
                + "\">" + Html.escape(texts.getString("consent.link")) + "</a></p>" : "");
        raw.put("textsJson", scriptTexts(texts));
        Matcher m = SLOT.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 4096);
        while (m.find()) {
            String key = m.group(1);
            String value = raw.containsKey(key) ? raw.get(key) : Html.escape(v.getOrDefault(key, ""));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String scriptTexts(ResourceBundle texts) {
        ObjectNode node = json.createObjectNode();
        for (String key : texts.keySet()) {
            if (key.startsWith("js.")) {
                node.put(key.substring(3), texts.getString(key));
            }
        }
        // "<" never appears raw inside the data block, so no text can close the element
        return node.toString().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static String format(ResourceBundle texts, String key, Locale locale, Object arg) {
        return new MessageFormat(texts.getString(key), locale).format(new Object[] {arg});
    }
}
