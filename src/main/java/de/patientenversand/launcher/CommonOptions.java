package de.patientenversand.launcher;

import de.patientenversand.common.AppPaths;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every command takes: {@code --data-dir} and {@code --debug}. {@code --data-dir} may
 * stand before or after the command name ({@code patientenversand --data-dir D inbox list} and
 * {@code patientenversand inbox list --data-dir D} mean the same); the one nearest the command wins.
 */
public final class CommonOptions {
    @Option(names = "--data-dir", paramLabel = "D",
            description = "The vault folder (default: per OS, or $PATIENTENVERSAND_DATA_DIR).")
    Path dataDir;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public Path dataDir() {
        return AppPaths.dataDir(explicitDataDir());
    }

    /** The --data-dir given to this command or to one of its parents, or {@code null}. */
    Path explicitDataDir() {
        if (dataDir != null || command == null) {
            return dataDir;
        }
        for (CommandSpec parent = command.parent(); parent != null; parent = parent.parent()) {
            for (CommandSpec mixin : parent.mixins().values()) {
                if (mixin.userObject() instanceof CommonOptions options && options.dataDir != null) {
                    return options.dataDir;
                }
            }
        }
        return null;
    }
}
