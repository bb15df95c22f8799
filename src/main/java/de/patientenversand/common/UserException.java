package de.patientenversand.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * An expected failure that the person at the keyboard can act on (wrong password, file too
 * large, disk full). It carries a message key from {@code i18n/messages*.properties}; the text
 * is resolved in the user's language. Unexpected failures are never wrapped in this type: they
 * are logged with an id and shown as a short error with that id.
 */
public class UserException extends RuntimeException {
    private static final String BUNDLE = "i18n.messages";
    private final String key;
    private final transient Object[] args;

    public UserException(String key, Object... args) {
        super(key);
        this.key = key;
        this.args = args.clone();
    }

    public UserException(Throwable cause, String key, Object... args) {
        super(key, cause);
        this.key = key;
        this.args = args.clone();
    }

    /** The message key, stable for tests and scripts. */
    public String key() {
        return key;
    }

    @Override
    public String getLocalizedMessage() {
        return text(Locale.getDefault());
    }

    public String text(Locale locale) {
        return format(locale, key, args);
    }

    /** Resolves a message key of the shared bundle. */
    public static String format(Locale locale, String key, Object... args) {
        try {
            // No fallback to the JVM's default locale: German (the base bundle) must win for "de"
            // even on a computer whose default locale is English.
            String pattern = ResourceBundle.getBundle(BUNDLE, locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
            return new MessageFormat(pattern, locale).format(args);
        } catch (MissingResourceException e) {
            return key;
        }
    }
}
