package org.gbsettle.jobs.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.run.CalculationIssue;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.inbound.MessageFlusher;
import org.gbsettle.jobs.io.postgres.JdbcMeterDataFileRepository;
import org.gbsettle.jobs.io.postgres.JdbcReferenceDataRepository;
import org.gbsettle.jobs.reference.ReferenceSnapshot;
import org.springframework.stereotype.Component;

/**
 * Whether the inputs of a settlement run are complete before the run is created: at least one accepted meter-data
 * file holding the date received by the cut-off, registrations loaded, and for every GSP group with metering systems
 * registered on the date what the run's preparation ({@link RunPreparation}) checks, by the same code: the group's
 * take (CDCA-I029) for the date, LLFs, CCCs, scaling weights, BM units and the rest.
 *
 * <p>Cheap checks first: while no meter-data file is in, only the takes of the registered groups are looked up, not
 * every group's registrations and reference data.
 */
@Component
public final class RunInputCheck {

    private final JdbcMeterDataFileRepository meterFiles;
    private final JdbcReferenceDataRepository reference;
    private final MessageFlusher messages;

    public RunInputCheck(
            JdbcMeterDataFileRepository meterFiles, JdbcReferenceDataRepository reference, MessageFlusher messages) {
        this.meterFiles = meterFiles;
        this.reference = reference;
        this.messages = messages;
    }

    /**
     * What a run of {@code date} and {@code type} with data cut-off {@code cutoff} would lack if it were started now,
     * one problem a line naming the missing input; empty if nothing is missing. Staged meter-data messages received by
     * the cut-off are flushed first, as the run would flush them.
     */
    public List<String> missing(LocalDate date, RunType type, Instant cutoff) {
        messages.flushReceivedBy(cutoff);
        List<String> problems = new ArrayList<>();
        boolean files = !meterFiles.receivedFor(date, cutoff).isEmpty();
        if (!files) {
            problems.add("no meter-data file holding " + date + " received by " + cutoff + " (ingest)");
        }
        List<GspGroup> groups = reference.registeredGroups(Long.MAX_VALUE);
        if (groups.isEmpty()) {
            problems.add("no registrations loaded (load-reference)");
            return problems;
        }
        if (!files) {
            for (GspGroup g : groups) {
                if (reference.take(g, date).isEmpty()) {
                    problems.add(RunPreparation.missingTake(g, date).message());
                }
            }
            return problems;
        }
        RunDefinition run = new RunDefinition(0, date, type, 1, cutoff, RunStatus.PENDING, Long.MAX_VALUE, 0, 0);
        boolean registered = false;
        for (GspGroup g : groups) {
            ReferenceSnapshot snapshot = reference.read(date, g, Long.MAX_VALUE);
            List<Registration> on = snapshot.meteringSystems().effectiveOn(date);
            if (on.isEmpty()) {
                continue;
            }
            registered = true;
            for (CalculationIssue issue : RunPreparation.missing(reference, run, g, snapshot)) {
                problems.add(g + ": " + issue.code() + ": " + issue.message());
            }
        }
        if (!registered) {
            problems.add("no metering system registered on " + date + " (load-reference)");
        }
        return problems;
    }
}
