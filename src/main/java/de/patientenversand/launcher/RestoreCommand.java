package de.patientenversand.launcher;

import de.patientenversand.vault.Unlocker;
import de.patientenversand.vault.VerifyReport;
import de.patientenversand.vault.backup.RestoreReport;
import de.patientenversand.vault.backup.Restorer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code restore FILE|DIR --data-dir D [--force] [--partial]}: verified restore. Reports what it
 * restored and names every damaged file and document; exit code 1 when anything was damaged
 * or nothing was restored.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup (file or folder) into --data-dir after checking every document.")
final class RestoreCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "FILE|DIR")
    Path source;

    @Option(names = "--passphrase-file", paramLabel = "F",
            description = "Read the password from this file (else $PATIENTENVERSAND_PASSPHRASE, else a prompt).")
    Path passphraseFile;

    @Option(names = "--force", description = "Replace a vault that is already in the data dir.")
    boolean force;

    @Option(names = "--partial", description = "Restore what is intact even if some files are damaged.")
    boolean partial;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        char[] secret = Secrets.system().current(passphraseFile, false);
        RestoreReport r;
        try {
            r = new Restorer(new Unlocker(new SecureRandom()), Clock.systemUTC())
                    .restore(source, common.dataDir(), secret, force, partial);
        } finally {
            Arrays.fill(secret, '\0');
        }
        for (String f : r.damagedFiles()) {
            out.println(VaultAccess.text("restore.damagedFile", f));
        }
        for (VerifyReport.Finding f : r.damagedDocuments()) {
            out.println(VaultAccess.text("restore.damagedDocument", f.id(), f.name(), f.reason()));
        }
        if (r.rebuilt()) {
            out.println(VaultAccess.text("restore.rebuilt"));
        }
        out.println(r.restored() ? VaultAccess.text("restore.done", r.documents(), r.ok(), r.unconfirmed())
                : VaultAccess.text("restore.notDone"));
        out.flush();
        return r.restored() && r.clean() ? 0 : 1;
    }
}
