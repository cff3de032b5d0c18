package org.gbsettle.jobs.run;

import java.util.List;
import java.util.Objects;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.jobs.io.postgres.JdbcReferenceDataRepository;
import org.gbsettle.jobs.reference.LoadedTake;
import org.gbsettle.jobs.reference.ReferenceSnapshot;
import org.springframework.stereotype.Component;

/**
 * The inputs a settlement run pinned when it was created, read again per GSP group exactly as its partitions read them
 * (and as a restart does): the reference loads up to the run's {@code reference_load_max}, the meter-data files it
 * pinned that were received by its cut-off (each checked against its SHA-256), and the group's take. For tools that
 * recompute a complete run's groups, such as the run diff; the run job itself goes through {@link RunMeterData} the
 * same way.
 */
@Component
public final class PinnedRunInputs {

    private final RunMeterData meterData;
    private final JdbcReferenceDataRepository reference;

    public PinnedRunInputs(RunMeterData meterData, JdbcReferenceDataRepository reference) {
        this.meterData = meterData;
        this.reference = reference;
    }

    /**
     * A GSP group's pinned inputs: its reference data and registrations of the date, its meter rows (those of its
     * metering systems, as the partition decoded them; rows received after the cut-off included, the engine leaves
     * them out) and its take.
     */
    public record GroupInputs(GspGroup group, ReferenceSnapshot reference, MeterReads reads, LoadedTake take) {

        public GroupInputs {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(reads, "reads");
            Objects.requireNonNull(take, "take");
        }
    }

    /**
     * Reads a group's pinned inputs.
     *
     * @throws MissingReferenceDataException if the run pinned no take for the group
     */
    public GroupInputs read(RunDefinition run, GspGroup group) {
        LoadedTake take = reference
                .take(group, run.settlementDate(), run.referenceLoadMax())
                .orElseThrow(() -> new MissingReferenceDataException(
                        "GSP group " + group + " " + run.settlementDate(),
                        List.of(RunPreparation.missingTake(group, run.settlementDate()))));
        RunMeterData.RunDay day = meterData.day(run, (g, s) -> {});
        ReferenceSnapshot snapshot = day.reference(group);
        RunMeterData.GroupData data = day.read(group, snapshot.meteringSystems());
        return new GroupInputs(group, snapshot, data.reads(), take);
    }

    /** Forgets what was kept in memory for a run (its day's file index and reference data). */
    public void release(RunDefinition run) {
        meterData.release(run.runId());
    }
}
