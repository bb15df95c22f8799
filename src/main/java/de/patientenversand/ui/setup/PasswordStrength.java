package de.patientenversand.ui.setup;

/**
 * A rough strength estimate the patient can understand (0 = too short … 4 = very good). Length
 * counts most: a long sentence beats a short jumble, which is what the hint on screen says.
 */
public final class PasswordStrength {
    public static final int MIN_LENGTH = 10;

    private PasswordStrength() {
    }

    public static int of(CharSequence password) {
        int length = password.length();
        if (length < MIN_LENGTH) {
            return 0;
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < length; i++) {
            char c = password.charAt(i);
            lower |= Character.isLowerCase(c);
            upper |= Character.isUpperCase(c);
            digit |= Character.isDigit(c);
            other |= !Character.isLetterOrDigit(c);
        }
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        int score = length >= 24 ? 3 : length >= 16 ? 2 : 1;
        if (classes >= 3) {
            score++;
        }
        return Math.min(score, 4);
    }
}
