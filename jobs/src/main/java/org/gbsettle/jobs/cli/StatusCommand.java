package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.io.postgres.JdbcScheduledRunRepository;
import org.gbsettle.jobs.io.postgres.JdbcSettlementRunRepository;
import org.gbsettle.jobs.run.RunDetail;
import org.gbsettle.jobs.run.RunView;
import org.gbsettle.jobs.run.RunViews;
import org.gbsettle.jobs.schedule.ScheduleState;
import org.gbsettle.jobs.schedule.ScheduledRun;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gbsettle status}: lists settlement runs and their state, newest first. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Lists settlement runs and their state, newest first; with --run, one run in detail.",
            "Columns: run id, settlement date, run type and number, status, GSP groups complete over planned,"
                    + " lifecycle state, when the run was started and completed (UTC).",
            "States: RUNNING (in a live process), ABANDONED (recorded as running, but no process holds its run"
                    + " lock: 'recover' restarts it), FAILED ('restart'), COMPLETED (authoritative for its date),"
                    + " SUPERSEDED (complete, but later runs are authoritative).",
            "With --run ID: the run's cut-off, who started it and why, attempts, pinned inputs, fingerprints or"
                    + " failure, and each GSP group partition's status, attempts, meter rows read = accepted +"
                    + " quarantined and failure."
        })
final class StatusCommand implements Callable<Integer> {

    static final int MAX_LIMIT = 10_000;

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            converter = IsoDateConverter.class,
            description = "Only runs of this settlement date.")
    private @Nullable LocalDate date;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "At most N runs, 1 to " + MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
    private int limit = 20;

    @Option(names = "--run", paramLabel = "ID", description = "One run in detail, with its GSP group partitions.")
    private @Nullable Long runId;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ParameterException(
                    spec.commandLine(), "--limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        Long runId = this.runId;
        if (runId != null) {
            return parent.contexts().withContext(context -> {
                RunDetail detail = context.getBean(JdbcSettlementRunRepository.class)
                        .detail(runId)
                        .orElseThrow(() -> new GbSettleException("there is no run " + runId));
                RunView view = context.getBean(RunViews.class)
                        .get(runId)
                        .orElseThrow(() -> new GbSettleException("there is no run " + runId));
                PrintWriter out = spec.commandLine().getOut();
                out.print(RunStatusTable.render(detail, view));
                out.flush();
                return ExitCode.OK;
            });
        }
        LocalDate date = this.date;
        return parent.contexts().withContext(context -> {
            List<RunView> runs = context.getBean(RunViews.class).list(date, limit);
            PrintWriter out = spec.commandLine().getOut();
            if (runs.isEmpty()) {
                out.println(date == null ? "no runs yet" : "no runs for settlement date " + date);
            } else {
                out.print(RunStatusTable.renderViews(runs));
            }
            // the timetabled runs the scheduler has seen but not run: SCHEDULED, or HELD with the reason
            List<ScheduledRun> waiting = context.getBean(JdbcScheduledRunRepository.class).all().stream()
                    .filter(r -> r.state() == ScheduleState.SCHEDULED || r.state() == ScheduleState.HELD)
                    .filter(r -> date == null || r.settlementDate().equals(date))
                    .toList();
            if (!waiting.isEmpty()) {
                out.println();
                out.println("Timetabled runs not started (scheduled_run):");
                out.printf(
                        Locale.ROOT,
                        "%-10s  %-4s  %-10s  %-9s  %8s  %s%n",
                        "DATE",
                        "TYPE",
                        "DUE",
                        "STATE",
                        "ATTEMPTS",
                        "REASON");
                for (ScheduledRun r : waiting) {
                    out.printf(
                            Locale.ROOT,
                            "%-10s  %-4s  %-10s  %-9s  %8d  %s%n",
                            r.settlementDate(),
                            r.runType(),
                            r.plannedRunDate(),
                            r.state(),
                            r.attempts(),
                            r.reason());
                }
            }
            out.flush();
            return ExitCode.OK;
        });
    }
}
