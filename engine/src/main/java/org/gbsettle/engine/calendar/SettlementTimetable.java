package org.gbsettle.engine.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;
import org.jspecify.annotations.Nullable;

/**
 * A settlement calendar: for each settlement date and run type, at most one {@link SettlementCalendarEntry} with the
 * planned run date and data cut-off. Built from entries loaded from Elexon's SVAA/SAA calendars ({@link #of}) or
 * generated from the offset table and the working-day calendar ({@link TimetableRules#generate}), or both: Elexon
 * re-aligns calendars ad hoc, so loaded entries win ({@link #overriddenBy}).
 */
public final class SettlementTimetable {

    private static final Comparator<SettlementCalendarEntry> ORDER = Comparator.comparing(
                    SettlementCalendarEntry::settlementDate)
            .thenComparingInt(e -> e.runType().rank())
            .thenComparing(SettlementCalendarEntry::runType);

    private final NavigableMap<SettlementDate, Map<RunType, SettlementCalendarEntry>> byDate;
    private final NavigableMap<LocalDate, List<SettlementCalendarEntry>> byRunDay;

    private SettlementTimetable(NavigableMap<SettlementDate, Map<RunType, SettlementCalendarEntry>> byDate) {
        this.byDate = byDate;
        NavigableMap<LocalDate, List<SettlementCalendarEntry>> runDays = new TreeMap<>();
        for (Map<RunType, SettlementCalendarEntry> runs : byDate.values()) {
            for (SettlementCalendarEntry e : runs.values()) {
                runDays.computeIfAbsent(e.plannedRunDate(), d -> new ArrayList<>())
                        .add(e);
            }
        }
        runDays.replaceAll((d, list) -> list.stream().sorted(ORDER).toList());
        this.byRunDay = runDays;
    }

    /**
     * The timetable of the given entries, for example loaded from an Elexon calendar.
     *
     * @throws IllegalArgumentException if two entries have the same settlement date and run type
     */
    public static SettlementTimetable of(Collection<SettlementCalendarEntry> entries) {
        NavigableMap<SettlementDate, Map<RunType, SettlementCalendarEntry>> byDate = new TreeMap<>();
        for (SettlementCalendarEntry e : entries) {
            Objects.requireNonNull(e, "entry");
            SettlementCalendarEntry previous = byDate.computeIfAbsent(
                            e.settlementDate(), d -> new EnumMap<>(RunType.class))
                    .putIfAbsent(e.runType(), e);
            if (previous != null) {
                throw new IllegalArgumentException("Two calendar entries for " + e.settlementDate() + " " + e.runType()
                        + ": " + previous + " and " + e);
            }
        }
        return new SettlementTimetable(byDate);
    }

    /**
     * This timetable with {@code loaded} laid over it: for every settlement date the loaded timetable has any entry
     * for, its entries replace all of this timetable's entries for that date; other dates keep theirs.
     *
     * <p>Whole dates rather than single runs are replaced so that a loaded calendar can also drop runs, as when a date
     * moves between regimes (an interim RF replacing R3, say) and a generated R2 or R3 must not linger.
     */
    public SettlementTimetable overriddenBy(SettlementTimetable loaded) {
        NavigableMap<SettlementDate, Map<RunType, SettlementCalendarEntry>> merged = new TreeMap<>(byDate);
        merged.putAll(loaded.byDate);
        return new SettlementTimetable(merged);
    }

    /**
     * The runs planned on {@code runDay}, by settlement date then run-type rank; empty if none. On a working day after
     * a long weekend one run type can carry several settlement dates.
     */
    public List<SettlementCalendarEntry> runsDueOn(LocalDate runDay) {
        return byRunDay.getOrDefault(runDay, List.of());
    }

    /** The entry of the run of {@code runType} for {@code date}, if the calendar has one. */
    public Optional<SettlementCalendarEntry> entry(SettlementDate date, RunType runType) {
        Map<RunType, SettlementCalendarEntry> runs = byDate.get(date);
        return runs == null ? Optional.empty() : Optional.ofNullable(runs.get(runType));
    }

    /** The entries of {@code date} in run-type rank order; empty if the calendar has none. */
    public List<SettlementCalendarEntry> entriesFor(SettlementDate date) {
        Map<RunType, SettlementCalendarEntry> runs = byDate.get(date);
        return runs == null ? List.of() : runs.values().stream().sorted(ORDER).toList();
    }

    /** The settlement dates the calendar has entries for, in order. */
    public NavigableSet<SettlementDate> settlementDates() {
        return Collections.unmodifiableNavigableSet(byDate.navigableKeySet());
    }

    /** All entries, by settlement date then run-type rank. */
    public List<SettlementCalendarEntry> entries() {
        return byDate.values().stream()
                .flatMap(runs -> runs.values().stream())
                .sorted(ORDER)
                .toList();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SettlementTimetable other && byDate.equals(other.byDate);
    }

    @Override
    public int hashCode() {
        return byDate.hashCode();
    }

    @Override
    public String toString() {
        return "SettlementTimetable[" + byDate.size() + " settlement dates, " + byRunDay.size() + " run days]";
    }
}
