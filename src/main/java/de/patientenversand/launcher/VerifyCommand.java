package de.patientenversand.launcher;

import de.patientenversand.vault.RebuildReport;
import de.patientenversand.vault.UnlockedVault;
import de.patientenversand.vault.Unlocker;
import de.patientenversand.vault.VaultLayout;
import de.patientenversand.vault.VaultLock;
import de.patientenversand.vault.VerifyReport;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verify [--rebuild]}: checks every document; exit code 1 if any is damaged. */
@Command(name = "verify", description = "Check every document; --rebuild rebuilds the index from the files.")
final class VerifyCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    UnlockOptions unlock;

    @Option(names = "--rebuild", description = "Rebuild vault.db's documents from blobs and sidecars (needs the vault alone).")
    boolean rebuild;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        VerifyReport report;
        if (rebuild) {
            try (VaultLock lock = VaultLock.exclusive(new VaultLayout(common.dataDir()))) {
                char[] secret = Secrets.system().current(unlock.passphraseFile, unlock.recoveryCode);
                Unlocker.Rebuilt rebuilt;
                java.nio.file.Path index = common.dataDir().resolve("vault.db");
                boolean hadIndex = java.nio.file.Files.isRegularFile(index) && java.nio.file.Files.size(index) > 0;
                try {
                    rebuilt = new Unlocker(new SecureRandom()).rebuild(common.dataDir(), secret, unlock.recoveryCode);
                } finally {
                    Arrays.fill(secret, '\0');
                }
                try (UnlockedVault vault = rebuilt.vault()) {
                    RebuildReport r = rebuilt.report();
                    out.println(VaultAccess.text("cli.verify.rebuilt", r.confirmed(), r.unconfirmed(),
                            r.unreadable().size()));
                    for (String id : r.unreadable()) {
                        out.println(VaultAccess.text("cli.verify.unreadable", id));
                    }
                    if (r.databaseReplaced() || !hadIndex) {
                        out.println(VaultAccess.text("cli.verify.databaseReplaced"));
                    }
                    report = vault.verify();
                }
            }
        } else {
            try (UnlockedVault vault = VaultAccess.unlock(common.dataDir(), unlock, err)) {
                vault.adoptNew();
                report = vault.verify();
            }
        }
        out.println(VaultAccess.text("cli.verify.summary", report.total(), report.ok(), report.damaged().size(),
                report.unconfirmed().size()));
        for (VerifyReport.Finding f : report.damaged()) {
            out.println(VaultAccess.text("cli.verify.damaged", f.id(), f.name(), f.reason()));
        }
        for (VerifyReport.Finding f : report.unconfirmed()) {
            out.println(VaultAccess.text("cli.verify.unconfirmed", f.id(), f.name()));
        }
        for (VerifyReport.Finding f : report.renewed()) {
            out.println(VaultAccess.text("cli.verify.renewed", f.id(), f.name()));
        }
        out.flush();
        VaultAccess.warnOnMismatch(report.recipientMismatch(), err);
        return report.damaged().isEmpty() && !report.recipientMismatch() ? 0 : 1;
    }
}
