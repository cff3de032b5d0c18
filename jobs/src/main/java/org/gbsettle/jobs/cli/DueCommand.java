package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.gbsettle.engine.calendar.SettlementCalendarEntry;
import org.gbsettle.jobs.schedule.DueRun;
import org.gbsettle.jobs.schedule.RunTimetable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle due --on D}: the settlement runs the timetable plans on calendar day D, in timetable order, from the
 * shipped calendars (and a settlement calendar file given with {@code --calendar}); starts no database.
 */
@Command(
        name = "due",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the settlement runs the timetable plans on a calendar day, in timetable order (settlement date,"
                    + " then run type): settlement date, its settlement periods, run type, planned run date, data"
                    + " cut-off (UTC) and the timetable regime (LEGACY or MHHS) the date follows.",
            "From the shipped calendars (England & Wales bank holidays, run offsets in working days, the switch to the"
                    + " MHHS timetable; reference-data/CALENDAR.md), with the entries of --calendar FILE replacing the"
                    + " generated runs of every settlement date it names (DF runs come only from such a file).",
            "Needs no database."
        })
final class DueCommand implements Callable<Integer> {

    @Spec
    private @Nullable CommandSpec spec;

    @Option(
            names = "--on",
            required = true,
            paramLabel = "DATE",
            converter = IsoDateConverter.class,
            description = "The calendar day, e.g. 2027-07-05.")
    private @Nullable LocalDate on;

    @Option(
            names = "--calendar",
            paramLabel = "FILE",
            description = "A settlement calendar CSV (settlement_date,run_type,planned_run_date,data_cutoff), e.g."
                    + " transcribed from Elexon's; its entries win over the generated ones.")
    private @Nullable Path calendar;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        LocalDate day = Objects.requireNonNull(on, "on");
        List<DueRun> due = RunTimetable.shipped(calendar).dueOn(day);
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(day, due));
        out.flush();
        return ExitCode.OK;
    }

    /** The table {@code due} prints for {@code day}. */
    static String render(LocalDate day, List<DueRun> due) {
        StringBuilder sb = new StringBuilder();
        if (due.isEmpty()) {
            sb.append("no runs due on ")
                    .append(day)
                    .append(" (")
                    .append(day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT))
                    .append(")\n");
            return sb.toString();
        }
        sb.append(String.format(
                Locale.ROOT,
                "%-10s  %-7s  %-4s  %-10s  %-20s  %s%n",
                "DATE",
                "PERIODS",
                "TYPE",
                "RUN DATE",
                "DATA CUT-OFF (UTC)",
                "REGIME"));
        for (DueRun r : due) {
            SettlementCalendarEntry e = r.entry();
            sb.append(String.format(
                    Locale.ROOT,
                    "%-10s  %7d  %-4s  %-10s  %-20s  %s%n",
                    e.settlementDate(),
                    e.settlementDate().periodCount(),
                    e.runType(),
                    e.plannedRunDate(),
                    e.dataCutoff(),
                    r.regime() + (r.loaded() ? " (calendar file)" : "")));
        }
        sb.append(due.size()).append(" run(s) due on ").append(day).append('\n');
        return sb.toString();
    }
}
