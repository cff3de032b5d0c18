package org.gbsettle.jobs.cli;

import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code gbsettle} command: settlement runs, meter-data ingest and reference-data loads on PostgreSQL, one
 * subcommand each. Without a subcommand it prints its usage and exits 2.
 *
 * <p>Exit codes: 0 success, 1 error (one line on standard error), 2 bad arguments (the usage on standard error).
 * Commands that need the database get a Spring context from the {@link ContextProvider}; help and version start
 * nothing.
 */
@Command(
        name = "gbsettle",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            LoadReferenceCommand.class,
            IngestCommand.class,
            RunCommand.class,
            RestartCommand.class,
            RecoverCommand.class,
            StatusCommand.class,
            DueCommand.class,
            NightlyCommand.class,
            ServeCommand.class,
            WorkerCommand.class,
            DeliverEventsCommand.class,
            EventsCommand.class,
            HousekeepCommand.class,
            FlushMessagesCommand.class,
            MessagesFromParquetCommand.class,
            QueueCommand.class,
            SampleCommand.class,
            QueryCommand.class,
            DiffCommand.class,
            ReportCommand.class,
            ExportCommand.class,
            DatabaseCommand.class,
            HashPasswordCommand.class
        },
        description = {
            "Half-hourly settlement for the GB electricity market (BSC SVA / MHHS volume allocation).",
            "",
            "Database: an embedded PostgreSQL in ./var/pgdata (GBSETTLE_DATABASE_DATA_DIR), or the server given by"
                    + " SPRING_DATASOURCE_URL with _USERNAME and _PASSWORD."
        },
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:error (message on standard error)", "2:bad arguments (usage on standard error)"
        })
public final class GbSettleCommand {

    private final ContextProvider contexts;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
    private boolean debug;

    GbSettleCommand(ContextProvider contexts) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    /** The command line of the application, ready to {@link CommandLine#execute execute}. */
    public static CommandLine commandLine(ContextProvider contexts) {
        GbSettleCommand command = new GbSettleCommand(contexts);
        CommandLine commandLine = new CommandLine(command);
        ErrorReporter errors = new ErrorReporter(() -> command.debug);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setExecutionExceptionHandler(errors);
        return commandLine;
    }

    /** Where database commands get their Spring context. */
    ContextProvider contexts() {
        return contexts;
    }
}
