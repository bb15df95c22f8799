package de.patientenversand.launcher;

import de.patientenversand.vault.Database;
import de.patientenversand.vault.Retention;
import de.patientenversand.vault.VaultLayout;
import de.patientenversand.settings.SettingsStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inbox prune [--days N]}: the automatic deletion run by hand. Needs no password: it reads
 * only the clear receipt times. Without {@code --days} it uses the settings' retention days.
 */
@Command(name = "prune", description = "Delete documents older than N days (default: the retention setting).")
final class InboxPruneCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Spec
    CommandSpec spec;
    @Option(names = "--days", paramLabel = "N", description = "Delete documents received more than N days ago.")
    Integer days;

    @Override
    public Integer call() throws Exception {
        Path dataDir = ConsentCommand.dataDir(common, spec);
        int n = days != null ? days : new SettingsStore(dataDir).load().retentionDays();
        PrintWriter out = spec.commandLine().getOut();
        if (n <= 0) {
            out.println(VaultAccess.text("cli.prune.off"));
            out.flush();
            return 0;
        }
        try (Database db = LinkCommand.database(dataDir)) {
            int removed = new Retention(db, new VaultLayout(dataDir), Clock.systemUTC()).prune(n);
            out.println(VaultAccess.text("cli.prune.done", removed, n));
            out.flush();
            return 0;
        }
    }
}
