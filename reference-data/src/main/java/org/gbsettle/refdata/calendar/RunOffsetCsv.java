package org.gbsettle.refdata.calendar;

import java.io.Reader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gbsettle.engine.calendar.RunOffset;
import org.gbsettle.engine.calendar.RunOffsetTable;
import org.gbsettle.engine.calendar.TimetableRegime;
import org.gbsettle.engine.run.RunType;

/**
 * Parser of a run offset file, {@code regime,run_type,working_days}: one row per planned run, {@code regime}
 * {@code LEGACY} or {@code MHHS}, {@code run_type} a run type code (II, SF, R1, R2, R3, RF, DF; not the ad-hoc D or
 * DR), {@code working_days} the n of WD+n, a whole number of at least 1. A (regime, run type) appears once, and within
 * a regime the offsets increase with the run types' rank.
 */
public final class RunOffsetCsv {

    /** The columns, in order. */
    public static final List<String> HEADER = List.of("regime", "run_type", "working_days");

    private RunOffsetCsv() {}

    /**
     * The run offset table of {@code reader}.
     *
     * @param file the file name, for error messages
     * @throws CalendarFileException on the first broken rule
     */
    public static RunOffsetTable parse(Reader reader, String file) {
        Map<TimetableRegime, TreeMap<Integer, Located>> byRank = new EnumMap<>(TimetableRegime.class);
        List<RunOffset> offsets = new ArrayList<>();
        for (CalendarCsv.Row row : CalendarCsv.read(reader, file, HEADER)) {
            TimetableRegime regime = row.oneOf("regime", TimetableRegime.class);
            RunType runType = row.oneOf("run_type", RunType.class);
            if (runType == RunType.D || runType == RunType.DR) {
                throw row.error("run_type", "'" + runType + "' is an ad-hoc dispute run and has no timetable offset");
            }
            int workingDays = row.positiveInt("working_days");
            RunOffset offset = RunOffset.of(regime, runType, workingDays);
            Located previous = byRank.computeIfAbsent(regime, r -> new TreeMap<>())
                    .putIfAbsent(runType.rank(), new Located(offset, row.line()));
            if (previous != null) {
                throw row.lineError(regime + " " + runType + " repeats line " + previous.line());
            }
            offsets.add(offset);
        }
        if (offsets.isEmpty()) {
            throw CalendarCsv.fileError(file, "lists no run offsets");
        }
        for (TreeMap<Integer, Located> ranked : byRank.values()) {
            Located before = null;
            for (Located current : ranked.values()) {
                if (before != null
                        && current.offset().workingDays() <= before.offset().workingDays()) {
                    throw new CalendarFileException(
                            file,
                            current.line(),
                            "working_days",
                            "'" + current.offset().workingDays() + "' of "
                                    + current.offset().runType()
                                    + " must be greater than " + before.offset().runType() + "'s "
                                    + before.offset().workingDays() + " on line " + before.line()
                                    + " (a later run type runs later)");
                }
                before = current;
            }
        }
        return RunOffsetTable.of(offsets);
    }

    private record Located(RunOffset offset, int line) {}
}
