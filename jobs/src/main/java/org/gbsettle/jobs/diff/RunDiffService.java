package org.gbsettle.jobs.diff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.run.RunContext;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.run.SupplierVolume;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.io.postgres.JdbcSettlementRunRepository;
import org.gbsettle.jobs.run.PinnedRunInputs;
import org.gbsettle.jobs.run.RunDefinition;
import org.gbsettle.jobs.run.RunStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Computes and stores the explained diff of a settlement run against an earlier run of its date (by default the run it
 * supersedes): each GSP group of both runs is recomputed from the inputs each run pinned ({@link PinnedRunInputs}), in
 * the sequence of states of {@link GroupAttribution}; the first state must reproduce the earlier run's stored supplier
 * volumes and the last the later run's, exactly, or the diff fails and nothing is written. A GSP group with outputs in
 * one run only is wholly a {@link Cause#REGISTRATION} change.
 */
@Component
public final class RunDiffService {

    private static final Logger LOG = LoggerFactory.getLogger(RunDiffService.class);

    private final JdbcSettlementRunRepository runs;
    private final PinnedRunInputs inputs;
    private final RunDiffStore store;

    public RunDiffService(JdbcSettlementRunRepository runs, PinnedRunInputs inputs, RunDiffStore store) {
        this.runs = runs;
        this.inputs = inputs;
        this.store = store;
    }

    /**
     * Computes the diff of run {@code runId} against {@code againstRunId} (null: the run it supersedes) and stores it,
     * replacing an earlier diff of the same two runs.
     *
     * @throws GbSettleException if a run is missing or not complete, the runs are of different dates, there is no run
     *     to diff against, a recomputation does not reproduce a run, or a mixed state cannot be computed
     */
    public RunDiff diffAndStore(long runId, @Nullable Long againstRunId) {
        RunDiff diff = diff(runId, againstRunId);
        store.replace(diff);
        return diff;
    }

    /** Computes the diff without storing it; see {@link #diffAndStore}. */
    public RunDiff diff(long runId, @Nullable Long againstRunId) {
        RunDefinition run = complete(runs.get(runId));
        RunDefinition against;
        if (againstRunId == null) {
            long id = store.superseded(run)
                    .orElseThrow(() -> new GbSettleException("run " + runId + " (" + describe(run)
                            + ") supersedes no COMPLETE run of " + run.settlementDate()
                            + ": name the run to diff against with --against"));
            against = complete(runs.get(id));
        } else {
            against = complete(runs.get(againstRunId));
            if (!against.settlementDate().equals(run.settlementDate())) {
                throw new GbSettleException("run " + runId + " is for " + run.settlementDate() + ", run " + againstRunId
                        + " for " + against.settlementDate() + ": a diff compares two runs of one settlement date");
            }
        }
        long t0 = System.nanoTime();
        TreeSet<String> groups = new TreeSet<>(store.groups(run.runId()));
        groups.addAll(store.groups(against.runId()));
        List<RunDiffRow> rows = new ArrayList<>();
        Map<Cause, Integer> changed = new EnumMap<>(Cause.class);
        try {
            for (String g : groups) {
                rows.addAll(group(run, against, g, changed));
            }
        } finally {
            inputs.release(run);
            inputs.release(against);
        }
        LOG.info(
                "Run {} against run {}: {} GSP group(s), {} row(s), meter values changed {}, {} ms",
                run.runId(),
                against.runId(),
                groups.size(),
                rows.size(),
                changed,
                (System.nanoTime() - t0) / 1_000_000);
        return new RunDiff(run, against, rows, RunDiffSummary.of(rows), changed);
    }

    private List<RunDiffRow> group(
            RunDefinition run, RunDefinition against, String groupId, Map<Cause, Integer> changed) {
        Map<GroupAttribution.Key, RunDiffStore.StoredVolume> storedRun = store.volumes(run.runId(), groupId);
        Map<GroupAttribution.Key, RunDiffStore.StoredVolume> storedAgainst = store.volumes(against.runId(), groupId);
        boolean inRun = store.groups(run.runId()).contains(groupId);
        boolean inAgainst = store.groups(against.runId()).contains(groupId);
        SortedMap<GroupAttribution.Key, BigDecimal[]> parts = new TreeMap<>();
        if (inRun && inAgainst) {
            GspGroup group = GspGroup.of(groupId);
            GroupAttribution attribution = GroupAttribution.of(side(against, group), side(run, group));
            check(against, groupId, attribution.start(), storedAgainst, "first");
            check(run, groupId, attribution.end(), storedRun, "last");
            attribution.changedKeys().forEach((c, n) -> changed.merge(c, n, Integer::sum));
            parts.putAll(attribution.parts());
        } else {
            // a group of one run only: its whole volume is a registration change
            int reg = Cause.REGISTRATION.ordinal();
            storedRun.forEach((k, v) -> parts.computeIfAbsent(k, x -> zeros())[reg] = v.correctedExactMwh());
            storedAgainst.forEach((k, v) -> parts.computeIfAbsent(k, x -> zeros())[reg] =
                    v.correctedExactMwh().negate());
        }
        TreeSet<GroupAttribution.Key> keys = new TreeSet<>(parts.keySet());
        keys.addAll(storedRun.keySet());
        keys.addAll(storedAgainst.keySet());
        List<RunDiffRow> out = new ArrayList<>();
        for (GroupAttribution.Key k : keys) {
            BigDecimal before = published(storedAgainst.get(k));
            BigDecimal after = published(storedRun.get(k));
            BigDecimal total = after.subtract(before);
            BigDecimal[] exact = parts.getOrDefault(k, zeros());
            List<BigDecimal> rounded = new ArrayList<>();
            BigDecimal sum = BigDecimal.ZERO;
            for (BigDecimal p : exact) {
                BigDecimal r = p.setScale(4, RoundingMode.HALF_UP);
                rounded.add(r);
                sum = sum.add(r);
            }
            out.add(new RunDiffRow(
                    groupId,
                    k.supplier(),
                    k.bmUnit(),
                    k.ccc(),
                    k.period(),
                    before,
                    after,
                    total,
                    rounded,
                    total.subtract(sum),
                    RunDiffRow.mainCause(rounded)));
        }
        return out;
    }

    private GroupAttribution.Side side(RunDefinition run, GspGroup group) {
        PinnedRunInputs.GroupInputs in = inputs.read(run, group);
        RunContext context = new RunContext(
                SettlementDate.of(run.settlementDate()), run.runType(), run.runNumber(), group, run.dataCutoff());
        return new GroupAttribution.Side(
                context,
                in.reference().meteringSystems(),
                in.reads(),
                in.take().take(),
                in.reference().referenceData());
    }

    /**
     * Fails unless a recomputed state equals a run's stored supplier volumes (uncorrected, corrected exact and
     * published), row for row.
     */
    private static void check(
            RunDefinition run,
            String group,
            RunResult recomputed,
            Map<GroupAttribution.Key, RunDiffStore.StoredVolume> stored,
            String which) {
        Map<GroupAttribution.Key, SupplierVolume> mine = GroupAttribution.index(recomputed);
        TreeSet<GroupAttribution.Key> keys = new TreeSet<>(mine.keySet());
        keys.addAll(stored.keySet());
        List<String> differences = new ArrayList<>();
        for (GroupAttribution.Key k : keys) {
            RunDiffStore.StoredVolume s = stored.get(k);
            SupplierVolume v = mine.get(k);
            boolean same = s != null
                    && v != null
                    && s.uncorrectedMwh().compareTo(v.uncorrectedMwh()) == 0
                    && s.correctedExactMwh().compareTo(v.correctedExactMwh()) == 0
                    && s.correctedMwh().compareTo(v.correctedMwh()) == 0;
            if (!same) {
                differences.add(k + ": stored "
                        + (s == null ? "no row" : s.correctedExactMwh().toPlainString() + " MWh")
                        + ", recomputed "
                        + (v == null ? "no row" : v.correctedExactMwh().toPlainString() + " MWh"));
            }
        }
        if (!differences.isEmpty()) {
            throw new GbSettleException("run " + run.runId() + " (" + describe(run) + "), GSP group " + group
                    + ": the " + which + " state of the diff, recomputed from the inputs the run pinned, does not"
                    + " reproduce its stored supplier volumes (" + differences.size() + " row(s) differ, e.g. "
                    + String.join("; ", differences.subList(0, Math.min(3, differences.size())))
                    + "); the attribution would not be exact, nothing was written. The run's inputs (meter-data"
                    + " files, reference loads) or the engine have changed since it ran.");
        }
    }

    private static RunDefinition complete(RunDefinition run) {
        if (run.status() != RunStatus.COMPLETE) {
            throw new GbSettleException("run " + run.runId() + " (" + describe(run) + ") is " + run.status()
                    + ": only COMPLETE runs can be diffed");
        }
        return run;
    }

    /** A run as people name it: date, run type and number. */
    static String describe(RunDefinition run) {
        return run.settlementDate() + " " + run.runType() + " " + run.runNumber();
    }

    private static BigDecimal published(RunDiffStore.@Nullable StoredVolume v) {
        return v == null ? BigDecimal.ZERO.setScale(4) : v.correctedMwh().setScale(4, RoundingMode.UNNECESSARY);
    }

    private static BigDecimal[] zeros() {
        BigDecimal[] z = new BigDecimal[Cause.ALL.size()];
        java.util.Arrays.fill(z, BigDecimal.ZERO);
        return z;
    }
}
