package de.patientenversand.launcher;

import de.patientenversand.common.UserException;
import java.io.PrintWriter;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the jar for the GUI and every command (DESIGN.md section 9). It does not
 * extend {@code javafx.application.Application}, so {@code java -jar} works from the class path.
 * Exit codes: 0 ok, 1 error (message on stderr, no stack trace unless {@code --debug}), 2 usage.
 */
@Command(name = "patientenversand",
        versionProvider = VersionProvider.class,
        description = "Receives medical documents from practices into an encrypted vault on this computer.",
        subcommands = {
            InitCommand.class,
            ServeCommand.class,
            LinkCommand.class,
            InboxCommand.class,
            KeyCommand.class,
            VerifyCommand.class,
            PasswdCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            LogCommand.class,
            ConsentCommand.class,
            LetterCommand.class,
        })
public final class Main implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version.")
    boolean version;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (used by tests without a fork). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::handleError);
        return cli.execute(args);
    }

    /** As {@link #run(String...)}, writing to the given streams (for in-process CLI tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::handleError);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    @CommandLine.Option(names = AppDesktop.BACKGROUND_OPTION,
            description = "Open the app without its window where a tray icon can bring it back (used at login).")
    boolean background;

    @Override
    public void run() {
        GuiLauncher.launch(common.dataDir(), background);
    }

    private static int handleError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean debug = parsed.expandedArgs().contains("--debug");
        if (e instanceof UserException user) {
            err.println(user.getLocalizedMessage());
        } else {
            String id = UUID.randomUUID().toString().substring(0, 8);
            // the command line's log is the user's screen: the id and the kind only, the trace with --debug
            LOG.error("Unexpected error {} ({})", id, e.getClass().getName());
            err.println(UserException.format(java.util.Locale.getDefault(), "cli.error.unexpected", id));
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }
}
