package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.gbsettle.engine.calendar.SettlementCalendarEntry;
import org.gbsettle.jobs.schedule.NightlyRuns;
import org.gbsettle.jobs.schedule.TickReport;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle nightly [--on D]}: one scheduler tick from the command line (for cron or a Kubernetes CronJob); prints
 * what it launched, held (with the reasons) and skipped.
 */
@Command(
        name = "nightly",
        mixinStandardHelpOptions = true,
        description = {
            "One scheduler tick, as serve runs it on its cron: the runs the timetable plans on the day and on the days"
                    + " of the look-back before it (gbsettle.schedule.look-back-days, default 7), in timetable order.",
            "A run already COMPLETE, running or failed is skipped; a run whose inputs are incomplete (no meter-data"
                    + " file for the date, a GSP group's take or other reference data missing) or whose cut-off has"
                    + " not passed is held with the reason and checked again at the next tick; the others are run one"
                    + " at a time, --by scheduler, with the timetable's cut-off.",
            "Only one instance acts at a time (a PostgreSQL advisory lock): another tick meanwhile does nothing.",
            "Exit 0 when no launched run failed, 1 when one did."
        })
final class NightlyCommand implements Callable<Integer> {

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(
            names = "--on",
            paramLabel = "DATE",
            converter = IsoDateConverter.class,
            description = "The day to tick for (default: today in gbsettle.schedule.zone, Europe/London).")
    private @Nullable LocalDate on;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        LocalDate day = on;
        return parent.contexts().withContext(context -> {
            NightlyRuns nightly = context.getBean(NightlyRuns.class);
            TickReport report = day == null ? nightly.tick() : nightly.tick(day);
            PrintWriter out = spec.commandLine().getOut();
            out.print(render(report));
            out.flush();
            return report.anyFailed() ? ExitCode.SOFTWARE : ExitCode.OK;
        });
    }

    /** What {@code nightly} prints for a tick. */
    static String render(TickReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("Nightly tick for ")
                .append(report.day())
                .append(" (runs due ")
                .append(report.from())
                .append(" to ")
                .append(report.day())
                .append("): ")
                .append(report.summary())
                .append('\n');
        if (report.entries().isEmpty()) {
            return sb.toString();
        }
        sb.append(String.format(
                Locale.ROOT,
                "%-8s  %-10s  %-4s  %-10s  %-20s  %s%n",
                "ACTION",
                "DATE",
                "TYPE",
                "DUE",
                "CUT-OFF",
                "DETAIL"));
        for (TickReport.Entry e : report.entries()) {
            SettlementCalendarEntry c = e.due().entry();
            sb.append(String.format(
                    Locale.ROOT,
                    "%-8s  %-10s  %-4s  %-10s  %-20s  %s%n",
                    e.action(),
                    c.settlementDate(),
                    c.runType(),
                    c.plannedRunDate(),
                    c.dataCutoff(),
                    e.detail().replace('\n', ' ')));
        }
        return sb.toString();
    }
}
