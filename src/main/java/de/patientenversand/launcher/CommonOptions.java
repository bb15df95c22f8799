package de.patientenversand.launcher;

import de.patientenversand.common.AppPaths;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes: {@code --data-dir} and {@code --debug}. */
public final class CommonOptions {
    @Option(names = "--data-dir", paramLabel = "D",
            description = "The vault folder (default: per OS, or $PATIENTENVERSAND_DATA_DIR).")
    Path dataDir;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    public Path dataDir() {
        return AppPaths.dataDir(dataDir);
    }
}
