package de.patientenversand.vault;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.common.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Creates a vault: a random age identity, {@code identity.key} (wrapped under the password and
 * under a new recovery code), {@code recipient.txt}, the folders and {@code vault.db}.
 */
public final class VaultCreator {
    private final SecureRandom random;

    public VaultCreator(SecureRandom random) {
        this.random = random;
    }

    /**
     * Creates the vault in {@code dataDir} (which may exist but must not hold a vault).
     *
     * @return the recovery code to show once; the caller wipes it
     */
    public char[] create(Path dataDir, char[] passphrase, KdfParams kdf) throws IOException {
        if (passphrase.length == 0) {
            throw new UserException("vault.passphraseEmpty");
        }
        VaultLayout layout = new VaultLayout(dataDir);
        if (Files.exists(layout.identityFile()) || Files.exists(layout.recipientFile())) {
            throw new UserException("vault.exists", layout.dataDir().toString());
        }
        try {
            OwnerOnlyFiles.createDirectories(layout.dataDir());
        } catch (IOException e) {
            throw new UserException(e, "vault.notWritable", layout.dataDir().toString());
        }
        WriteSide.prepareFolders(layout);
        char[] code = RecoveryCode.generate(random);
        try (Identity identity = Identity.generate()) {
            new IdentityFile(random).write(layout.identityFile(), identity, passphrase, code, kdf);
            OwnerOnlyFiles.writeAtomically(layout.recipientFile(),
                    (identity.recipient().value() + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        Database.open(layout.database()).close();
        return code;
    }
}
