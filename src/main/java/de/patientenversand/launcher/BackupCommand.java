package de.patientenversand.launcher;

import de.patientenversand.vault.TempChannels;
import de.patientenversand.vault.backup.BackupResult;
import de.patientenversand.vault.backup.BackupService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backup --out FILE | --to DIR}: a consistent snapshot beside a running server. Needs no
 * password: everything in a backup is encrypted or free of personal data (docs/backup.md).
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up the vault into one file (--out) or a folder, incrementally (--to).")
final class BackupCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--keep-deleted-days", paramLabel = "N", defaultValue = "30",
            description = "With --to: keep files the vault no longer has for N days (default 30).")
    int keepDeletedDays;

    @Spec
    CommandSpec spec;

    static final class Target {
        @Option(names = "--out", paramLabel = "FILE", description = "Write one backup file.")
        Path out;

        @Option(names = "--to", paramLabel = "DIR", description = "Copy new and changed files into a folder.")
        Path to;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BackupService service = new BackupService(TempChannels.FILES, Clock.systemUTC(), appVersion());
        BackupResult r;
        if (target.out != null) {
            r = service.toFile(common.dataDir(), target.out);
            out.println(VaultAccess.text("backup.done", r.documents(), r.files(), r.copied()));
        } else {
            r = service.toFolder(common.dataDir(), target.to, Duration.ofDays(Math.max(0, keepDeletedDays)));
            out.println(VaultAccess.text("backup.folderDone", r.documents(), r.files(), r.copied(), r.removed(),
                    r.kept()));
        }
        if (r.vanished() > 0) {
            out.println(VaultAccess.text("backup.vanished", r.vanished()));
        }
        out.flush();
        return 0;
    }

    static String appVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
