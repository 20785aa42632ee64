package io.shopstack.cli.command;

import io.shopstack.cli.LocalPlatform;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * {@code ./platform}: the command line of the launcher. Every command is its own class; this one only lists them and
 * turns what goes wrong into the documented exit codes.
 */
@Command(
        name = "./platform",
        description = "The shopstack launcher: runs the infrastructure and every service of this checkout as separate "
                + "JVMs, and talks to the running platform.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            UpCommand.class,
            DownCommand.class,
            StatusCommand.class,
            LogsCommand.class,
            ScaleCommand.class,
            StartCommand.class,
            InfraCommand.class,
            TokenCommand.class,
            ConfigCommand.class,
            BenchCommand.class,
            CatalogCommand.class,
            CpuCommand.class,
            BuildCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:failure (a server, a service or a request failed)",
            "2:bad usage, or a port is taken (the message names the setting to change)",
            "3:already running for this state folder"
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  SHOPSTACK_HOME   the state folder: logs, pid files, data (default .shopstack/ in the checkout)",
            "  <SERVICE>_PORT   a service's port, e.g. GATEWAY_PORT (all of them: ./platform up --help)",
            "",
            "./platform help <command> or ./platform <command> --help describes a command and its options."
        })
public final class PlatformCommand implements Runnable {

    /** Exit codes besides 0, listed in the help; 3 (already running) comes from the infrastructure's launch. */
    static final int FAILURE = 1;

    static final int USAGE = 2;

    /** Wide enough for the environment tables in the footers, narrow enough for a terminal beside an editor. */
    private static final int USAGE_WIDTH = 110;

    @Spec
    CommandSpec spec;

    /** The whole command line, with its exit codes: picocli's for parsing, the launcher's own for what fails later. */
    public static CommandLine commandLine(LocalPlatform platform) {
        CommandLine commandLine = new CommandLine(PlatformCommand.class, new CommandFactory(platform))
                .setExecutionExceptionHandler(PlatformCommand::reportFailure)
                .setParameterExceptionHandler(PlatformCommand::reportUsageError);
        addHelpOption(commandLine);
        return commandLine.setUsageHelpWidth(USAGE_WIDTH);
    }

    /**
     * -h/--help on every command and subcommand. Added here rather than inherited from an annotated option: picocli's
     * own help command declares -h too, and an inherited option would clash with it.
     */
    private static void addHelpOption(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help")
                    .usageHelp(true)
                    .description("Show this help and exit.")
                    .build());
        }
        command.getSubcommands().values().forEach(PlatformCommand::addHelpOption);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    /** One line saying what is wrong, then the usage of the command it was wrong for. */
    private static int reportUsageError(ParameterException ex, String[] args) {
        CommandLine wrong = ex.getCommandLine();
        PrintWriter err = wrong.getErr();
        err.println("error: " + describe(ex));
        UnmatchedArgumentException.printSuggestions(ex, err);
        wrong.usage(err);
        err.flush();
        return USAGE;
    }

    private static String describe(ParameterException ex) {
        boolean expectsCommand = !ex.getCommandLine().getSubcommands().isEmpty();
        if (expectsCommand
                && ex instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().getFirst().startsWith("-")) {
            return "unknown command '" + unmatched.getUnmatched().getFirst() + "'";
        }
        // Argument groups' messages come as "Error: ..."; every other message of the launcher as "error: ...".
        return ex.getMessage().startsWith("Error: ") ? ex.getMessage().substring("Error: ".length()) : ex.getMessage();
    }

    /**
     * What a command throws: a bad value it found only when running (an {@link IllegalArgumentException}, e.g. a port
     * variable that is no number) is bad usage, anything else a failure. One line, no stack trace: the launcher's
     * messages name what to do, and the services' own logs have the details.
     */
    private static int reportFailure(Exception ex, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        err.println("error: " + Objects.requireNonNullElse(ex.getMessage(), ex.toString()));
        err.flush();
        return ex instanceof IllegalArgumentException ? USAGE : FAILURE;
    }
}
