package org.gbsettle.jobs.run;

import java.util.Map;
import java.util.TreeMap;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.batch.TestPause;
import org.gbsettle.jobs.events.RunEvents;
import org.gbsettle.jobs.io.postgres.JdbcSettlementRunRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The last step of a settlement run: checks that every partition is complete, then, in one transaction, records the
 * input manifest and the input and output fingerprints and marks the run {@code COMPLETE}, the completion marker that
 * makes its outputs visible to the analyst views; in the same transaction its completed event, the superseded event
 * of each earlier run it leaves authoritative for no group, and its supplier volumes event ({@link RunEvents}).
 */
final class RunPublication implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(RunPublication.class);

    private final JdbcSettlementRunRepository runs;
    private final RunMeterData meterData;
    private final JdbcClient jdbc;
    private final RunEvents events;
    private final TransactionTemplate transactions;
    private final RunSlices slices;
    private final SharedRunDay shared;

    RunPublication(
            JdbcSettlementRunRepository runs,
            RunMeterData meterData,
            JdbcClient jdbc,
            RunEvents events,
            PlatformTransactionManager transactionManager,
            RunSlices slices,
            SharedRunDay shared) {
        this.runs = runs;
        this.meterData = meterData;
        this.jdbc = jdbc;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.slices = slices;
        this.shared = shared;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        long runId = SettlementRunJob.runId(chunk);
        RunDefinition run = runs.get(runId);
        Map<String, RunStatus> partitions = runs.partitions(runId);
        Map<String, RunStatus> unfinished = new TreeMap<>(partitions);
        unfinished.values().removeIf(s -> s == RunStatus.COMPLETE);
        if (partitions.isEmpty() || !unfinished.isEmpty()) {
            throw new GbSettleException("run " + runId + ": partitions not complete: " + unfinished);
        }
        Map<String, String> fingerprints = new TreeMap<>();
        jdbc.sql("SELECT gsp_group, output_fingerprint FROM run_partition WHERE run_id = :run")
                .param("run", runId)
                .query((java.sql.ResultSet rs) -> {
                    fingerprints.put(rs.getString(1), rs.getString(2));
                });
        record Recorded(String engineVersion, String config) {}
        Recorded recorded = jdbc.sql(
                        "SELECT engine_version, config ->> 'calculation' FROM settlement_run WHERE run_id = :run")
                .param("run", runId)
                .query((rs, n) -> new Recorded(rs.getString(1), rs.getString(2)))
                .single();
        String manifest = RunManifest.of(
                run, recorded.engineVersion(), recorded.config(), meterData.files(run), runs.partitionManifests(runId));
        String input = RunManifest.sha256(manifest);
        String output = RunManifest.outputFingerprint(fingerprints);
        transactions.executeWithoutResult(s -> {
            // the runs authoritative before, read under the outbox lock so completions of the date take turns
            java.util.Set<Long> authoritativeBefore = events.authoritativeRuns(run.settlementDate());
            jdbc.sql("""
                            UPDATE settlement_run
                               SET input_manifest = CAST(:manifest AS JSONB), input_fingerprint = :in,
                                   output_fingerprint = :out, status = 'COMPLETE', completed_at = now(),
                                   failure_message = NULL
                             WHERE run_id = :run
                            """)
                    .param("manifest", manifest)
                    .param("in", input)
                    .param("out", output)
                    .param("run", runId)
                    .update();
            // whether the run is now authoritative for any of its groups: recorded, since later runs change the
            // answer and housekeeping keeps the outputs of every run that ever was
            jdbc.sql("""
                            UPDATE settlement_run SET was_authoritative = true
                             WHERE run_id = :run
                               AND EXISTS (SELECT 1 FROM settlement_run_latest_v1 WHERE run_id = :run)
                            """).param("run", runId).update();
            // the slices' partial results are derived data: the outputs and fingerprints are the record (the plan
            // stays, for who calculated what)
            slices.clearBytes(runId);
            shared.clear(runId);
            events.completed(runId, authoritativeBefore);
            TestPause.at(TestPause.Point.COMPLETION, "run " + runId);
        });
        LOG.info("Run {}: COMPLETE, output fingerprint {}", runId, output);
        TestPause.at(TestPause.Point.AFTER_COMPLETION, "run " + runId);
        return RepeatStatus.FINISHED;
    }
}
