package de.patientenversand.launcher;

import de.patientenversand.vault.UnlockedVault;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code key export --out FILE}: the identity as a standard age identity file. */
@Command(name = "key", description = "Key management.", subcommands = KeyCommand.Export.class)
final class KeyCommand {
    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Command(name = "export", description = "Write the vault's age identity to a file (for age -d -i FILE).")
    static final class Export implements Callable<Integer> {

        @Mixin
        CommonOptions common;

        @Mixin
        UnlockOptions unlock;

        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (UnlockedVault vault = VaultAccess.unlock(common.dataDir(), unlock, spec.commandLine().getErr())) {
                vault.exportIdentity(out);
            }
            spec.commandLine().getErr().println(VaultAccess.text("cli.key.exported", out.toString()));
            spec.commandLine().getErr().flush();
            return 0;
        }
    }
}
