package de.patientenversand.launcher;

import de.patientenversand.vault.VaultCreator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code init}: creates a vault and shows the recovery code once. */
@Command(name = "init", description = "Create a new vault (asks for a password, shows the recovery code once).")
final class InitCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--new-passphrase-file", paramLabel = "F",
            description = "Read the new password from this file (else $PATIENTENVERSAND_PASSPHRASE, else asked twice).")
    Path newPassphraseFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dataDir = common.dataDir();
        char[] passphrase = Secrets.system().fresh(newPassphraseFile, Secrets.ENV);
        char[] code = null;
        try {
            code = new VaultCreator(new SecureRandom()).create(dataDir, passphrase, VaultAccess.kdf());
            out.println(VaultAccess.text("cli.init.done", dataDir.toString()));
            out.println();
            out.println(VaultAccess.text("cli.init.recoveryCode"));
            out.println();
            out.println("    " + new String(code));
            out.println();
            out.println(VaultAccess.text("cli.init.recoveryNote"));
            out.flush();
            return 0;
        } finally {
            Arrays.fill(passphrase, '\0');
            if (code != null) {
                Arrays.fill(code, '\0');
            }
        }
    }
}
