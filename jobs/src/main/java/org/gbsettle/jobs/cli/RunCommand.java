package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.run.PartitionOutcome;
import org.gbsettle.jobs.run.RunLauncher;
import org.gbsettle.jobs.run.RunOutcome;
import org.gbsettle.jobs.run.RunRequest;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle run --date D --type T}: runs a settlement run of one date and prints a summary per GSP group and
 * where the results are.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a settlement run of one settlement date: every GSP group with registrations on the date, from the"
                    + " reference data loaded and the meter-data files received at or before the data cut-off; writes"
                    + " the outputs under a new run id and marks the run COMPLETE last.",
            "Missing mandatory reference data fails the run before any output is written (exit 1).",
            "A run of a date and type already running (in any process) is refused at once (exit 1), naming the run"
                    + " in progress. A run of a date that already has a COMPLETE run of type RF or later is refused"
                    + " unless --force is given with a --reason. The run is a new run (the next number): it"
                    + " supersedes the earlier runs of the date only once it completes."
        })
final class RunCommand implements Callable<Integer> {

    /** The reason recorded when {@code --reason} is not given. */
    static final String DEFAULT_REASON = "manual";

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(
            names = "--date",
            required = true,
            paramLabel = "DATE",
            converter = IsoDateConverter.class,
            description = "Settlement date, e.g. 2026-01-15.")
    private @Nullable LocalDate date;

    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "Run type: ${COMPLETION-CANDIDATES}.")
    private @Nullable RunType type;

    @Option(names = "--number", paramLabel = "N", description = "Run number (default: the next for the date and type).")
    private @Nullable Integer number;

    @Option(
            names = "--cutoff",
            paramLabel = "INSTANT",
            converter = InstantConverter.class,
            description = "Data cut-off, e.g. 2026-02-06T00:00:00Z (default: now).")
    private @Nullable Instant cutoff;

    @Option(names = "--by", paramLabel = "WHO", description = "Who starts the run (default: the user name).")
    private @Nullable String by;

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            description = "Why the run is started, recorded with it (default: manual; required with --force).")
    private @Nullable String reason;

    @Option(
            names = "--force",
            description = "Run even though the date already has a COMPLETE run of type RF or later (DF, D, DR):"
                    + " an explicit confirmation, recorded with the run; needs --reason.")
    private boolean force;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        if (number != null && number < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--number must be 1 or more, not " + number);
        }
        if (force && (reason == null || reason.isBlank())) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--force needs --reason TEXT: why the date is run again after its final run");
        }
        String who = by != null && !by.isBlank() ? by : System.getProperty("user.name", "unknown");
        String why = reason == null ? DEFAULT_REASON : reason;
        RunRequest request =
                new RunRequest(Objects.requireNonNull(date), Objects.requireNonNull(type), number, cutoff, who, why);
        return parent.contexts().withContext(context -> {
            RunOutcome outcome = context.getBean(RunLauncher.class).run(request, force);
            PrintWriter out = spec.commandLine().getOut();
            out.print(summary(request, outcome));
            out.flush();
            return ExitCode.OK;
        });
    }

    /** The text printed for a completed run. */
    static String summary(RunRequest request, RunOutcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append("Run ")
                .append(o.runId())
                .append(": ")
                .append(request.settlementDate())
                .append(' ')
                .append(request.runType())
                .append(' ')
                .append(o.runNumber())
                .append(" COMPLETE, data cut-off ")
                .append(o.dataCutoff())
                .append('\n');
        sb.append(String.format(
                java.util.Locale.ROOT,
                "%-5s %8s %9s %11s  %-25s %s%n",
                "GROUP",
                "SYSTEMS",
                "VALUES",
                "QUARANTINED",
                "CF RANGE",
                "FINGERPRINT"));
        for (PartitionOutcome p : o.partitions()) {
            sb.append(String.format(
                    java.util.Locale.ROOT,
                    "%-5s %8d %9d %11d  %-25s %s%n",
                    p.gspGroup(),
                    p.meteringSystems(),
                    p.values(),
                    p.quarantined(),
                    range(p.cfMin(), p.cfMax()),
                    p.fingerprint()));
        }
        if (o.unassignedQuarantined() > 0) {
            sb.append(o.unassignedQuarantined())
                    .append(" row(s) quarantined in no GSP group (MPAN registered nowhere)\n");
        }
        if (!o.timing().isEmpty()) {
            sb.append("Time ")
                    .append(o.timing().stream()
                            .map(t -> t.step() + " " + seconds(t.duration()))
                            .collect(java.util.stream.Collectors.joining(", ")))
                    .append('\n');
        }
        sb.append("Input fingerprint ").append(o.inputFingerprint()).append('\n');
        sb.append("Output fingerprint ").append(o.outputFingerprint()).append('\n');
        sb.append("Results: run_id = ")
                .append(o.runId())
                .append(" in bm_unit_volume, supplier_volume, gsp_group_correction, data_quality, calculation_issue,"
                        + " quarantine; views settlement_volume_latest_v1, settlement_run_latest_v1,"
                        + " settlement_run_history_v1\n");
        return sb.toString();
    }

    private static String seconds(java.time.Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3f s", d.toNanos() / 1e9);
    }

    private static String range(@Nullable BigDecimal min, @Nullable BigDecimal max) {
        return min == null || max == null ? "-" : min.toPlainString() + " .. " + max.toPlainString();
    }
}
