package de.patientenversand.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a command that needs the private key gets the password. */
final class UnlockOptions {
    @Option(names = "--passphrase-file", paramLabel = "F",
            description = "Read the password from the first line of this file (else $PATIENTENVERSAND_PASSPHRASE, else a prompt).")
    Path passphraseFile;

    @Option(names = "--recovery-code", description = "Unlock with the recovery code instead of the password.")
    boolean recoveryCode;
}
