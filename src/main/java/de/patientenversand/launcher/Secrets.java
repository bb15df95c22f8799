package de.patientenversand.launcher;

import de.patientenversand.common.UserException;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Where the CLI gets the password: {@code --passphrase-file}, else
 * {@code PATIENTENVERSAND_PASSPHRASE}, else a prompt without echo. With no console and no other
 * source it says so clearly instead of hanging. Commands that need no private key never call it.
 */
final class Secrets {
    static final String ENV = "PATIENTENVERSAND_PASSPHRASE";
    static final String NEW_ENV = "PATIENTENVERSAND_NEW_PASSPHRASE";

    private final Map<String, String> env;
    private final Console console;

    Secrets(Map<String, String> env, Console console) {
        this.env = env;
        this.console = console;
    }

    static Secrets system() {
        return new Secrets(System.getenv(), System.console());
    }

    /** The current password (or recovery code) to unlock with. */
    char[] current(Path file, boolean recoveryCode) {
        if (file != null) {
            return readFile(file);
        }
        String fromEnv = recoveryCode ? null : env.get(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        return prompt(recoveryCode ? "cli.prompt.recoveryCode" : "cli.prompt.passphrase");
    }

    /** Like the app's setup: a vault of health records gets no password shorter than this. */
    static final int MIN_NEW_LENGTH = 10;

    /** A new password of at least {@link #MIN_NEW_LENGTH} characters. */
    char[] fresh(Path file, String envName) {
        char[] chosen = freshUnchecked(file, envName);
        if (chosen.length < MIN_NEW_LENGTH) {
            Arrays.fill(chosen, '\0');
            throw new UserException("cli.passphraseTooShort", MIN_NEW_LENGTH);
        }
        return chosen;
    }

    /** A new password: from a file, else the environment variable given, else asked twice. */
    private char[] freshUnchecked(Path file, String envName) {
        if (file != null) {
            return readFile(file);
        }
        String fromEnv = env.get(envName);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        char[] first = prompt("cli.prompt.newPassphrase");
        char[] second = prompt("cli.prompt.repeatPassphrase");
        try {
            if (!Arrays.equals(first, second)) {
                throw new UserException("cli.passphraseMismatch");
            }
            return first;
        } finally {
            Arrays.fill(second, '\0');
        }
    }

    private char[] prompt(String key) {
        if (console == null) {
            throw new UserException("cli.noConsole");
        }
        char[] read = console.readPassword("%s", UserException.format(Locale.getDefault(), key));
        if (read == null) {
            throw new UserException("cli.noConsole");
        }
        return read;
    }

    /** The first line of the file, without its line break. */
    static char[] readFile(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            String line = end < 0 ? content : content.substring(0, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new UserException(e, "cli.passphraseFileUnreadable", file.toString());
        }
    }
}
