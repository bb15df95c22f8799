package de.patientenversand.launcher;

import picocli.CommandLine.Command;

/** {@code inbox list | import | export}. */
@Command(name = "inbox", description = "List, import and export documents.",
        subcommands = {InboxListCommand.class, InboxImportCommand.class, InboxExportCommand.class, InboxPruneCommand.class})
final class InboxCommand {
    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;
}
