package org.gbsettle.jobs.diff;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.reference.LineLossFactors;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.RunContext;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.run.SupplierVolume;
import org.gbsettle.jobs.GbSettleException;

/**
 * The change in corrected volume (MWh, exact) of one GSP group between two runs of a date, per supplier, BM unit, CCC
 * and settlement period, attributed to causes by sequential substitution.
 *
 * <p>The group is recomputed with the engine ({@link SettlementCalculator}) in a fixed sequence of states, from all of
 * the earlier run's inputs (state 0) to all of the later run's (state 7), swapping one kind of input at a time:
 *
 * <ol>
 *   <li>meter data, in three steps ({@link MeterDataMix}): 1a actuals replacing estimates, 1b late values, 1c other
 *       changed values;
 *   <li>registrations (the metering systems, with the BM units and BSC parties);
 *   <li>line loss factors;
 *   <li>the other reference data (GSP groups, CCCs, scaling weights, profile coefficients, HH default EACs);
 *   <li>the GSP group take.
 * </ol>
 *
 * <p>Before the LLF step the LLFs are the earlier run's, with the classes it lacks taken from the later run's (so
 * that a registration moving to a new LLFC can be recomputed before the LLFs are swapped). The engine's configuration
 * is the default (as the run job's). The data cut-off of every state is the later of the two; each run's rows received
 * after its own cut-off are left out beforehand.
 *
 * <p>For each step and row key, with {@code U} the uncorrected volume, {@code F} the factor {@code 1 + lambda x W} and
 * {@code C = U x F} the exact corrected volume before (0) and after (1) the step:
 *
 * <pre>
 * C1 - C0 = (U1 - U0) x F0  +  U1 x (F1 - F0)
 *           the step's cause   the correction factor moving
 * </pre>
 *
 * <p>The second term is summed over steps 1-4 into {@link Cause#CORRECTION_FACTOR}; in the take step (where {@code U}
 * does not move) the whole change is the take's. A row present on one side of a step only is wholly its cause's
 * ({@code C1} or {@code -C0}). The parts of a row sum, exactly, to its exact corrected volume in the later run less
 * that in the earlier run.
 */
final class GroupAttribution {

    /** A row of supplier volume: supplier, BM unit, CCC and settlement period. */
    record Key(String supplier, String bmUnit, int ccc, int period) implements Comparable<Key> {

        @Override
        public int compareTo(Key o) {
            int c = supplier.compareTo(o.supplier);
            if (c == 0) {
                c = bmUnit.compareTo(o.bmUnit);
            }
            if (c == 0) {
                c = Integer.compare(ccc, o.ccc);
            }
            return c != 0 ? c : Integer.compare(period, o.period);
        }

        static Key of(SupplierVolume v) {
            return new Key(v.supplier().code(), v.bmUnit().id(), v.cccId(), v.period());
        }

        @Override
        public String toString() {
            return supplier + " " + bmUnit + " CCC " + ccc + " SP" + period;
        }
    }

    /**
     * One run's inputs of the group, as the engine takes them.
     *
     * @param context the run's identity and cut-off
     */
    record Side(
            RunContext context, MeteringSystems systems, MeterReads reads, GspGroupTake take, ReferenceData reference) {

        Side {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(systems, "systems");
            Objects.requireNonNull(reads, "reads");
            Objects.requireNonNull(take, "take");
            Objects.requireNonNull(reference, "reference");
        }
    }

    private final RunResult start;
    private final RunResult end;
    private final SortedMap<Key, BigDecimal[]> parts = new TreeMap<>();
    private final Map<Cause, Integer> changedKeys;

    private GroupAttribution(Side before, Side after) {
        MeterDataMix meter = MeterDataMix.of(
                before.reads(),
                before.context().dataCutoffMicros(),
                after.reads(),
                after.context().dataCutoffMicros());
        changedKeys = meter.changedKeys();
        RunContext context = new RunContext(
                after.context().settlementDate(),
                after.context().runType(),
                after.context().runNumber(),
                after.context().gspGroup(),
                after.context().dataCutoff().isAfter(before.context().dataCutoff())
                        ? after.context().dataCutoff()
                        : before.context().dataCutoff());
        ReferenceData b = before.reference();
        ReferenceData a = after.reference();

        Set<Cause> swapped = EnumSet.noneOf(Cause.class);
        RunResult previous = calculate(
                "state 0 (all the earlier run's inputs)",
                context,
                before.systems(),
                meter.state(swapped),
                before.take(),
                mix(b, a, false, false, false));
        start = previous;
        for (Cause step : Cause.STEPS) {
            swapped.add(step);
            boolean registrations = swapped.contains(Cause.REGISTRATION);
            boolean llf = swapped.contains(Cause.LLF);
            boolean other = swapped.contains(Cause.OTHER_REFERENCE);
            RunResult next;
            if (changedKeys.getOrDefault(step, 1) == 0) {
                next = previous; // no value of this class changed: the same inputs again
            } else {
                next = calculate(
                        "the state after step " + step.label() + " (" + swapped + " of the later run)",
                        context,
                        registrations ? after.systems() : before.systems(),
                        meter.state(swapped),
                        swapped.contains(Cause.TAKE) ? after.take() : before.take(),
                        mix(b, a, registrations, llf, other));
            }
            attribute(step, previous, next);
            previous = next;
        }
        end = previous;
    }

    /** Recomputes the group in every state and attributes the change. */
    static GroupAttribution of(Side before, Side after) {
        return new GroupAttribution(before, after);
    }

    /** The state with all of the earlier run's inputs (must reproduce that run). */
    RunResult start() {
        return start;
    }

    /** The state with all of the later run's inputs (must reproduce that run). */
    RunResult end() {
        return end;
    }

    /** The number of value keys per meter-data class. */
    Map<Cause, Integer> changedKeys() {
        return changedKeys;
    }

    /**
     * Every row key of any state with its exact parts, in {@link Cause#ALL} order; their sum is the row's exact
     * corrected volume at the end less that at the start (0 where the row is absent).
     */
    SortedMap<Key, BigDecimal[]> parts() {
        TreeMap<Key, BigDecimal[]> out = new TreeMap<>();
        parts.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    private void attribute(Cause step, RunResult r0, RunResult r1) {
        Map<Key, SupplierVolume> m0 = index(r0);
        Map<Key, SupplierVolume> m1 = index(r1);
        Set<Key> keys = new TreeSet<>(m0.keySet());
        keys.addAll(m1.keySet());
        for (Key k : keys) {
            SupplierVolume v0 = m0.get(k);
            SupplierVolume v1 = m1.get(k);
            BigDecimal c0 = v0 == null ? BigDecimal.ZERO : v0.correctedExactMwh();
            BigDecimal c1 = v1 == null ? BigDecimal.ZERO : v1.correctedExactMwh();
            BigDecimal change = c1.subtract(c0);
            BigDecimal[] p = parts.computeIfAbsent(k, x -> zeros());
            if (step == Cause.TAKE || v0 == null || v1 == null) {
                p[step.ordinal()] = p[step.ordinal()].add(change);
            } else {
                BigDecimal own =
                        v1.uncorrectedMwh().subtract(v0.uncorrectedMwh()).multiply(v0.factor());
                p[step.ordinal()] = p[step.ordinal()].add(own);
                int cf = Cause.CORRECTION_FACTOR.ordinal();
                p[cf] = p[cf].add(change.subtract(own));
            }
        }
    }

    private static BigDecimal[] zeros() {
        BigDecimal[] z = new BigDecimal[Cause.ALL.size()];
        java.util.Arrays.fill(z, BigDecimal.ZERO);
        return z;
    }

    /** A result's supplier volumes by key. */
    static Map<Key, SupplierVolume> index(RunResult result) {
        Map<Key, SupplierVolume> out = new TreeMap<>();
        for (SupplierVolume v : result.supplierVolumes()) {
            out.put(Key.of(v), v);
        }
        return out;
    }

    /**
     * Reference data with the registration-side tables (BM units, BSC parties), the LLFs and the other tables each
     * from the later run's ({@code a}) or the earlier run's ({@code b}); LLFs not swapped are {@code b}'s over {@code
     * a}'s.
     */
    static ReferenceData mix(ReferenceData b, ReferenceData a, boolean registrations, boolean llf, boolean other) {
        ReferenceData reg = registrations ? a : b;
        ReferenceData rest = other ? a : b;
        LineLossFactors factors = llf
                ? a.lineLossFactors()
                : LineLossFactors.builder()
                        .putAll(a.lineLossFactors())
                        .putAll(b.lineLossFactors())
                        .build();
        return ReferenceData.builder()
                .gspGroups(rest.gspGroups())
                .consumptionComponentClasses(rest.consumptionComponentClasses())
                .scalingWeights(rest.scalingWeights())
                .profileCoefficients(rest.profileCoefficients())
                .hhDefaultEacs(rest.hhDefaultEacs())
                .parties(reg.parties())
                .bmUnits(reg.bmUnits())
                .lineLossFactors(factors)
                .version("diff of " + b.version() + " and " + a.version())
                .build();
    }

    private static RunResult calculate(
            String state,
            RunContext context,
            MeteringSystems systems,
            MeterReads reads,
            GspGroupTake take,
            ReferenceData reference) {
        RunInputs inputs = RunInputs.of(context, systems, reads, take).withConfig(CalculationConfig.defaults());
        try {
            return SettlementCalculator.calculate(inputs, reference);
        } catch (MissingReferenceDataException e) {
            List<String> problems = new ArrayList<>();
            e.problems().forEach(p -> problems.add(p.code() + ": " + p.message()));
            throw new GbSettleException(
                    "GSP group " + context.gspGroup() + " cannot be recomputed in " + state
                            + ", so the change cannot be attributed: " + String.join("; ", problems),
                    e);
        }
    }
}
