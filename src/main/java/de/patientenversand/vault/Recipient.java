package de.patientenversand.vault;

import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import de.patientenversand.common.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * The vault's public key ({@code age1…}): all the write side ever holds. Anything sealed to
 * it can be opened only with the identity, which stays wrapped under the patient's password.
 */
public record Recipient(String value) {

    public Recipient {
        if (value == null || !value.startsWith("age1") || value.length() != 62) {
            throw new UserException("vault.recipientInvalid");
        }
    }

    static Recipient load(Path file) throws IOException {
        try {
            return new Recipient(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (NoSuchFileException e) {
            throw new UserException(e, "vault.notFound", file.getParent().toString());
        }
    }

    RecipientStanzaWriter stanzaWriter() throws IOException {
        try {
            return X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(value);
        } catch (GeneralSecurityException e) {
            throw new UserException(e, "vault.recipientInvalid");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
