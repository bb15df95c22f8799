package de.patientenversand.vault;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Helpers for vault tests: cheap Argon2 parameters, a standard passphrase. */
final class TestVaults {
    static final KdfParams CHEAP = new KdfParams(1024, 1, 1);
    static final String PASSPHRASE = "ein langer Satz für Tests";

    private TestVaults() {
    }

    /** Creates a vault and returns its recovery code. */
    static String create(Path dir) throws IOException {
        return new String(new VaultCreator(new SecureRandom()).create(dir, PASSPHRASE.toCharArray(), CHEAP));
    }

    static IncomingDocument incoming(String submission, String name) {
        return new IncomingDocument(submission, "link-1", "Praxis Dr. Muster", name, "application/pdf",
                "Dr. Muster", "Ihr Befund");
    }
}
