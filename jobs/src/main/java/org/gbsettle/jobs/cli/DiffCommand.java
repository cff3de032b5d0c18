package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.gbsettle.jobs.diff.Cause;
import org.gbsettle.jobs.diff.RunDiff;
import org.gbsettle.jobs.diff.RunDiffCsv;
import org.gbsettle.jobs.diff.RunDiffRow;
import org.gbsettle.jobs.diff.RunDiffService;
import org.gbsettle.jobs.diff.RunDiffSummary;
import org.gbsettle.jobs.run.RunDefinition;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle diff --run A [--against B] [--csv FILE]}: the change in corrected volume from run B to run A of one
 * settlement date, per GSP group, supplier, BM unit, CCC and period, attributed exactly to its causes, stored in
 * {@code run_diff} and {@code run_diff_summary} (and CSV); prints the largest movers per supplier with their main cause.
 */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "Explains the change in corrected volume (MWh) from run B to run A of one settlement date, per GSP group,"
                    + " supplier, BM unit, CCC and settlement period: each group is recomputed from the inputs each"
                    + " run pinned, swapping B's inputs for A's one kind at a time (meter data: actuals replacing"
                    + " estimates, late values, other changes; registrations; LLFs; other reference data; the take),"
                    + " so the parts per cause plus the correction factor moving add up to the change exactly.",
            "Writes the rows to run_diff and the totals per GSP group and supplier to run_diff_summary (replacing a"
                    + " diff of the same two runs), and prints the largest movers per supplier."
        })
final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "A", description = "The later run's id (see 'status').")
    private long runId;

    @Option(
            names = "--against",
            paramLabel = "B",
            description = "The earlier run's id (default: the run A supersedes: the COMPLETE run of the same date"
                    + " ranked next below A, by run type then run number).")
    private @Nullable Long againstRunId;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the rows to this CSV file.")
    private @Nullable Path csv;

    @Option(
            names = "--top",
            paramLabel = "N",
            description = "Rows printed per supplier, largest change first (default: ${DEFAULT-VALUE}).")
    private int top = 3;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        if (runId < 1 || (againstRunId != null && againstRunId < 1)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--run and --against must be run ids (1 or more)");
        }
        if (top < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--top must be 0 or more");
        }
        return parent.contexts().withContext(context -> {
            RunDiff diff = context.getBean(RunDiffService.class).diffAndStore(runId, againstRunId);
            Path file = csv;
            if (file != null) {
                RunDiffCsv.write(diff, file);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(report(diff, top, file));
            out.flush();
            return ExitCode.OK;
        });
    }

    /** The text printed: the two runs, where the rows went, and per supplier its total, main cause and top rows. */
    static String report(RunDiff diff, int top, @Nullable Path csv) {
        StringBuilder sb = new StringBuilder();
        sb.append("Diff of run ")
                .append(diff.run().runId())
                .append(" (")
                .append(name(diff.run()))
                .append(") against run ")
                .append(diff.against().runId())
                .append(" (")
                .append(name(diff.against()))
                .append("): ")
                .append(diff.rows().size())
                .append(" row(s) in run_diff, ")
                .append(diff.summaries().size())
                .append(" in run_diff_summary");
        if (csv != null) {
            sb.append(", CSV ").append(csv);
        }
        sb.append('\n');
        sb.append("Meter values changed: ")
                .append(diff.changedMeterValues().getOrDefault(Cause.METER_ACTUAL, 0))
                .append(" actual replacing estimate, ")
                .append(diff.changedMeterValues().getOrDefault(Cause.METER_LATE, 0))
                .append(" late, ")
                .append(diff.changedMeterValues().getOrDefault(Cause.METER_OTHER, 0))
                .append(" other\n");
        // per supplier over its groups: total and parts, largest change first
        Map<String, BigDecimal[]> bySupplier = new TreeMap<>();
        for (RunDiffSummary s : diff.summaries()) {
            BigDecimal[] t = bySupplier.computeIfAbsent(s.supplierId(), k -> zeros(Cause.ALL.size() + 1));
            t[0] = t[0].add(s.totalChangeMwh());
            for (Cause c : Cause.ALL) {
                t[c.ordinal() + 1] = t[c.ordinal() + 1].add(s.part(c));
            }
        }
        List<Map.Entry<String, BigDecimal[]>> suppliers = new ArrayList<>(bySupplier.entrySet());
        suppliers.sort(Comparator.comparing((Map.Entry<String, BigDecimal[]> e) -> e.getValue()[0].abs())
                .reversed()
                .thenComparing(Map.Entry::getKey));
        sb.append("Largest movers per supplier (MWh, A - B):\n");
        for (Map.Entry<String, BigDecimal[]> e : suppliers) {
            String supplier = e.getKey();
            BigDecimal[] t = e.getValue();
            List<BigDecimal> parts = new ArrayList<>(List.of(t).subList(1, t.length));
            sb.append(String.format(
                    Locale.ROOT,
                    "  %-4s %14s  main cause: %s%n",
                    supplier,
                    signed(t[0]),
                    label(RunDiffRow.mainCause(parts))));
            diff.rows().stream()
                    .filter(r -> r.supplierId().equals(supplier)
                            && r.totalChangeMwh().signum() != 0)
                    .sorted(Comparator.comparing(
                                    (RunDiffRow r) -> r.totalChangeMwh().abs())
                            .reversed())
                    .limit(top)
                    .forEach(r -> sb.append(String.format(
                            Locale.ROOT,
                            "       %-2s %-11s CCC %-3d SP%-2d %14s  %s%n",
                            r.gspGroup(),
                            r.bmUnitId(),
                            r.cccId(),
                            r.period(),
                            signed(r.totalChangeMwh()),
                            label(r.mainCause()))));
        }
        return sb.toString();
    }

    private static String label(@Nullable Cause c) {
        return c == null ? "-" : c.label();
    }

    private static String signed(BigDecimal v) {
        return (v.signum() > 0 ? "+" : "") + v.toPlainString();
    }

    private static String name(RunDefinition run) {
        return run.settlementDate() + " " + run.runType() + " " + run.runNumber();
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] z = new BigDecimal[n];
        java.util.Arrays.fill(z, BigDecimal.ZERO);
        return z;
    }
}
