package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.queue.QueuedRun;
import org.gbsettle.jobs.queue.RunQueue;
import org.gbsettle.jobs.run.RunRequest;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle queue}: lists the run queue (the requests running, then those queued with their position), or with
 * {@code --add --date D --type T} queues a run for the queue workers of a {@code serve} process ({@link RunQueue}).
 */
@Command(
        name = "queue",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the run queue: the requests running (TAKEN) and queued (QUEUED, with their position in timetable"
                    + " order: planned run day, settlement date, run type rank).",
            "With --add: queues a run of --date and --type (as POST /runs does), run by a queue worker of a serve"
                    + " process; refused (exit 1) while a request of the date and type is queued or running, or for"
                    + " a final date without --force."
        })
final class QueueCommand implements Callable<Integer> {

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(names = "--add", description = "Queue a run of --date and --type.")
    private boolean add;

    @Option(
            names = "--date",
            paramLabel = "DATE",
            converter = IsoDateConverter.class,
            description = "Settlement date, e.g. 2026-01-15 (with --add).")
    private @Nullable LocalDate date;

    @Option(names = "--type", paramLabel = "TYPE", description = "Run type: ${COMPLETION-CANDIDATES} (with --add).")
    private @Nullable RunType type;

    @Option(
            names = "--cutoff",
            paramLabel = "INSTANT",
            converter = InstantConverter.class,
            description = "Data cut-off, e.g. 2026-02-06T00:00:00Z (default: now).")
    private @Nullable Instant cutoff;

    @Option(names = "--by", paramLabel = "WHO", description = "Who asks for the run (default: the user name).")
    private @Nullable String by;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (default: manual; required with --force).")
    private @Nullable String reason;

    @Option(names = "--force", description = "Run even though the date is final (RF or later); needs --reason.")
    private boolean force;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        RunRequest request = add ? request(spec) : null;
        return parent.contexts().withContext(context -> {
            RunQueue queue = context.getBean(RunQueue.class);
            PrintWriter out = spec.commandLine().getOut();
            if (request != null) {
                QueuedRun q = queue.enqueue(request, force);
                out.println("Queued request " + q.queueId() + ": " + q.settlementDate() + " " + q.runType()
                        + ", position " + q.position() + " (planned day " + q.plannedDay() + ")");
            } else {
                out.print(render(queue.active()));
            }
            out.flush();
            return ExitCode.OK;
        });
    }

    private RunRequest request(CommandSpec spec) {
        if (date == null || type == null) {
            throw new ParameterException(spec.commandLine(), "--add needs --date DATE and --type TYPE");
        }
        if (force && (reason == null || reason.isBlank())) {
            throw new ParameterException(
                    spec.commandLine(), "--force needs --reason TEXT: why the date is run again after its final run");
        }
        String who = by != null && !by.isBlank() ? by : System.getProperty("user.name", "unknown");
        return new RunRequest(date, type, null, cutoff, who, reason == null ? RunCommand.DEFAULT_REASON : reason);
    }

    /** The table {@code queue} prints. */
    static String render(List<QueuedRun> active) {
        if (active.isEmpty()) {
            return "the run queue is empty\n";
        }
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "%-6s  %-8s  %-3s  %-10s  %-4s  %-10s  %-8s  %-12s  %s%n",
                "QUEUE",
                "STATE",
                "POS",
                "DATE",
                "TYPE",
                "PLANNED",
                "RUN",
                "BY",
                "DETAIL"));
        for (QueuedRun q : active) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%-6d  %-8s  %-3s  %-10s  %-4s  %-10s  %-8s  %-12s  %s%n",
                    q.queueId(),
                    q.state(),
                    q.position() == null ? "-" : q.position().toString(),
                    q.settlementDate(),
                    q.runType(),
                    q.plannedDay(),
                    q.runId() == null ? "-" : q.runId().toString(),
                    q.startedBy(),
                    q.detail()));
        }
        return sb.toString();
    }
}
