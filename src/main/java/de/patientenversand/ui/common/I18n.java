package de.patientenversand.ui.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The app's words in the patient's language ({@code i18n/ui*.properties}, German is the base).
 * No text on screen comes from code; every label is looked up here.
 */
public final class I18n {
    public static final String BUNDLE = "i18n.ui";
    private final ResourceBundle bundle;
    private final Locale locale;

    public I18n(Locale locale) {
        this.locale = locale;
        // No fallback to the JVM's default locale: "de" must mean the German base bundle.
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static I18n forLanguage(String language) {
        return new I18n("en".equals(language) ? Locale.ENGLISH : Locale.GERMAN);
    }

    public Locale locale() {
        return locale;
    }

    /** The text for a key, with {@link MessageFormat} arguments. */
    public String text(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("No text for key " + key, e);
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    public ResourceBundle bundle() {
        return bundle;
    }
}
