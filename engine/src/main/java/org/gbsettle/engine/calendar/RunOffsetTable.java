package org.gbsettle.engine.calendar;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.gbsettle.engine.run.RunType;
import org.jspecify.annotations.Nullable;

/**
 * The run offset table: for each timetable regime, the run types it plans and each one's offset in working days after
 * the settlement date (WD+n). Reference data, loaded from a file, not constants: domain.md §3 gives legacy II WD+5, SF
 * WD+16, R1 WD+39, R2 WD+84, R3 WD+154, RF WD+292 and MHHS II WD+4, SF WD+7, R1 WD+30, RF WD+84. Run types without an
 * offset (DF, and the ad-hoc D and DR) are not planned from the table.
 *
 * <p>Invariants: at most one offset per (regime, run type), and within a regime the offsets strictly increase with
 * the run types' rank (II before SF before R1 …), since a later run supersedes an earlier one.
 */
public final class RunOffsetTable {

    private final Map<TimetableRegime, List<RunOffset>> byRegime;

    private RunOffsetTable(Map<TimetableRegime, List<RunOffset>> byRegime) {
        this.byRegime = Collections.unmodifiableMap(byRegime);
    }

    /**
     * The table of the given offsets.
     *
     * @throws IllegalArgumentException if a (regime, run type) repeats or a regime's offsets do not increase with
     *     run-type rank
     */
    public static RunOffsetTable of(Collection<RunOffset> offsets) {
        Map<TimetableRegime, List<RunOffset>> byRegime = new EnumMap<>(TimetableRegime.class);
        for (RunOffset offset : offsets) {
            List<RunOffset> list = byRegime.computeIfAbsent(offset.regime(), r -> new ArrayList<>());
            for (RunOffset existing : list) {
                if (existing.runType() == offset.runType()) {
                    throw new IllegalArgumentException("Run offset of " + offset.regime() + " " + offset.runType()
                            + " given twice: " + existing + " and " + offset);
                }
            }
            list.add(offset);
        }
        Map<TimetableRegime, List<RunOffset>> sorted = new EnumMap<>(TimetableRegime.class);
        for (Map.Entry<TimetableRegime, List<RunOffset>> e : byRegime.entrySet()) {
            List<RunOffset> list = new ArrayList<>(e.getValue());
            list.sort(Comparator.comparingInt(o -> o.runType().rank()));
            for (int i = 1; i < list.size(); i++) {
                RunOffset before = list.get(i - 1);
                RunOffset after = list.get(i);
                if (after.workingDays() <= before.workingDays()) {
                    throw new IllegalArgumentException("Run offsets of " + e.getKey() + " must increase with run type: "
                            + after.runType() + " WD+" + after.workingDays() + " is not after " + before.runType()
                            + " WD+" + before.workingDays());
                }
            }
            sorted.put(e.getKey(), List.copyOf(list));
        }
        return new RunOffsetTable(sorted);
    }

    /** The regimes the table has offsets for. */
    public Set<TimetableRegime> regimes() {
        return byRegime.keySet();
    }

    /** The offsets of {@code regime} in run-type rank order; empty if the table has none. */
    public List<RunOffset> offsets(TimetableRegime regime) {
        return byRegime.getOrDefault(regime, List.of());
    }

    /** The offset of {@code runType} under {@code regime}, if the table plans it. */
    public Optional<RunOffset> offset(TimetableRegime regime, RunType runType) {
        return offsets(regime).stream().filter(o -> o.runType() == runType).findFirst();
    }

    /**
     * The first planned run of {@code regime} (lowest rank, hence smallest offset).
     *
     * @throws IllegalArgumentException if the table has no offsets for the regime
     */
    public RunOffset firstRun(TimetableRegime regime) {
        List<RunOffset> list = offsets(regime);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("Run offset table has no offsets for " + regime);
        }
        return list.get(0);
    }

    /** All offsets, by regime then run-type rank. */
    public List<RunOffset> all() {
        List<RunOffset> all = new ArrayList<>();
        byRegime.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RunOffsetTable other && byRegime.equals(other.byRegime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(byRegime);
    }

    @Override
    public String toString() {
        return "RunOffsetTable" + byRegime.values();
    }
}
