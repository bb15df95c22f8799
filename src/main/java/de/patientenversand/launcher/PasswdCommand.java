package de.patientenversand.launcher;

import de.patientenversand.vault.UnlockedVault;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code passwd}: a new password for the same identity; the recovery code stays valid. */
@Command(name = "passwd", description = "Change the password (use --recovery-code if you forgot it).")
final class PasswdCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    UnlockOptions unlock;

    @Option(names = "--new-passphrase-file", paramLabel = "F",
            description = "Read the new password from this file (else $PATIENTENVERSAND_NEW_PASSPHRASE, else asked twice).")
    Path newPassphraseFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (UnlockedVault vault = VaultAccess.unlock(common.dataDir(), unlock, spec.commandLine().getErr())) {
            char[] fresh = Secrets.system().fresh(newPassphraseFile, Secrets.NEW_ENV);
            try {
                vault.changePassphrase(fresh, VaultAccess.kdf());
            } finally {
                Arrays.fill(fresh, '\0');
            }
        }
        spec.commandLine().getOut().println(VaultAccess.text("cli.passwd.done"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
