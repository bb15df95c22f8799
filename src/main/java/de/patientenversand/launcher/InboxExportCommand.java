package de.patientenversand.launcher;

import de.patientenversand.vault.UnlockedVault;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inbox export ID --out PATH}: the only way plaintext reaches the disk, chosen by the patient. */
@Command(name = "export", description = "Write a document's content to a file.")
final class InboxExportCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    UnlockOptions unlock;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--out", required = true, paramLabel = "PATH")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (UnlockedVault vault = VaultAccess.unlock(common.dataDir(), unlock, spec.commandLine().getErr())) {
            vault.adoptNew();
            vault.export(id, out);
        }
        return 0;
    }
}
