package org.gbsettle.jobs.schedule;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gbsettle.engine.calendar.RunOffset;
import org.gbsettle.engine.calendar.SettlementCalendarEntry;
import org.gbsettle.engine.calendar.SettlementTimetable;
import org.gbsettle.engine.calendar.TimetableRules;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.refdata.calendar.CalendarFileException;
import org.gbsettle.refdata.calendar.SettlementCalendarCsv;
import org.gbsettle.refdata.calendar.ShippedCalendars;
import org.jspecify.annotations.Nullable;

/**
 * The settlement run timetable the application runs by: the engine's {@link TimetableRules} built from the shipped
 * calendar files (bank holidays, run offsets, the legacy-to-MHHS switch; {@code reference-data/CALENDAR.md}), with the
 * entries of an optional settlement calendar file (Elexon's calendar transcribed, {@code settlement_date,run_type,
 * planned_run_date,data_cutoff}) laid over them: a settlement date the file names gets the file's runs only. The
 * project has no reference-data load of settlement calendars (no {@code ReferenceFileKind} nor table for them), so a
 * file is the only way to add explicit entries, DF runs among them.
 */
public final class RunTimetable {

    private final TimetableRules rules;
    private final SettlementTimetable loaded;

    private RunTimetable(TimetableRules rules, SettlementTimetable loaded) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.loaded = Objects.requireNonNull(loaded, "loaded");
    }

    /** The timetable of {@code rules} with {@code loaded}'s entries laid over it. */
    public static RunTimetable of(TimetableRules rules, SettlementTimetable loaded) {
        return new RunTimetable(rules, loaded);
    }

    /**
     * The shipped calendars' timetable, with the settlement calendar file {@code calendarFile} laid over it if given.
     *
     * @throws GbSettleException if the file cannot be read or breaks a rule (the message names file, line and field)
     */
    public static RunTimetable shipped(@Nullable Path calendarFile) {
        TimetableRules rules = ShippedCalendars.timetableRules();
        if (calendarFile == null) {
            return new RunTimetable(rules, SettlementTimetable.of(List.of()));
        }
        try (Reader reader = Files.newBufferedReader(calendarFile, StandardCharsets.UTF_8)) {
            return new RunTimetable(rules, SettlementCalendarCsv.parse(reader, calendarFile.toString()));
        } catch (IOException e) {
            throw new GbSettleException("settlement calendar " + calendarFile + " cannot be read: " + e, e);
        } catch (CalendarFileException e) {
            throw new GbSettleException(String.valueOf(e.getMessage()), e);
        }
    }

    /** The rules that generate the timetable. */
    public TimetableRules rules() {
        return rules;
    }

    /** The loaded entries (empty if no calendar file was given). */
    public SettlementTimetable loaded() {
        return loaded;
    }

    /**
     * The runs planned on calendar day {@code day}, in timetable order (settlement date, then run-type rank); empty on
     * a weekend or bank holiday unless a loaded entry plans a run on it. For each run type of each regime with offset
     * WD+n, the settlement dates whose WD+n is {@code day} and that follow that regime; then every date the loaded
     * calendar names has its generated runs replaced by its loaded ones.
     *
     * @throws GbSettleException if counting back from {@code day} leaves the working-day calendar (the bank holidays
     *     of an earlier or later year are not shipped)
     */
    public List<DueRun> dueOn(LocalDate day) {
        try {
            List<SettlementCalendarEntry> generated = new ArrayList<>();
            for (RunOffset offset : rules.offsets().all()) {
                for (SettlementDate date : rules.calendar().settlementDatesDueOn(day, offset.workingDays())) {
                    if (rules.regimeOf(date) == offset.regime()) {
                        generated.add(
                                SettlementCalendarEntry.of(date, offset.runType(), day, rules.dataCutoff(date, day)));
                    }
                }
            }
            List<DueRun> due = new ArrayList<>();
            for (SettlementCalendarEntry e :
                    SettlementTimetable.of(generated).overriddenBy(loaded).runsDueOn(day)) {
                SettlementDate date = e.settlementDate();
                due.add(new DueRun(
                        e, rules.regimeOf(date), loaded.settlementDates().contains(date)));
            }
            return List.copyOf(due);
        } catch (IllegalArgumentException e) {
            throw new GbSettleException("cannot work out the runs due on " + day + ": " + e.getMessage(), e);
        }
    }
}
