package org.gbsettle.jobs.run;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Housekeeping of the database (the {@code housekeep} command; the scheduler may call {@link #run(boolean)}):
 *
 * <ul>
 *   <li>Spring Batch metadata ({@code batch_*} tables) of job instances every execution of which ended (none running)
 *       more than {@code gbsettle.retention.batch-metadata} ago (default 90 days): the runs themselves stay in {@code
 *       settlement_run}; a failed run whose metadata is gone restarts as a new job instance, skipping its complete
 *       partitions all the same;
 *   <li>the outputs (volumes, corrections, data quality, calculation issues, quarantine) of runs that were never
 *       authoritative ({@code was_authoritative} false: failed runs, and runs complete after a higher run of their
 *       date) created more than {@code gbsettle.retention.superseded-outputs} ago (default 400 days); the run and
 *       partition rows (identity, fingerprints, counts) are kept and marked {@code outputs_deleted_at}, and such a
 *       run can no longer be restarted (so its slices' bytes and the MPANs stored for its workers go too). The outputs of a run that ever was authoritative are never deleted;
 *   <li>remote partition requests ({@code partition_request}) that ended more than {@code
 *       gbsettle.retention.batch-metadata} ago, like the step executions they carried;
 *   <li>run events ({@code event_outbox}, with their {@code event_delivery} rows) older than {@code
 *       gbsettle.retention.events} (default 90 days) that every subscriber with a delivery record has received (a
 *       subscriber added later receives the events kept).
 * </ul>
 */
@Component
public final class RunHousekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(RunHousekeeping.class);

    /** The output tables of a run, deleted for a never-authoritative run past its retention. */
    static final List<String> OUTPUT_TABLES = List.of(
            "bm_unit_volume",
            "supplier_volume",
            "gsp_group_correction",
            "data_quality",
            "calculation_issue",
            "quarantine");

    /** The remote partition requests that ended before {@code :before}. */
    private static final String ENDED_REQUESTS = "FROM partition_request WHERE status NOT IN ('QUEUED', 'TAKEN')"
            + " AND COALESCE(finished_at, created_at) < :before";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Duration batchMetadata;
    private final Duration supersededOutputs;
    private final Duration events;
    private final RunSlices slices;
    private final SharedRunDay sharedDays;

    public RunHousekeeping(
            JdbcClient jdbc,
            RunSlices slices,
            SharedRunDay sharedDays,
            PlatformTransactionManager transactionManager,
            @Value("${gbsettle.retention.batch-metadata:90d}") String batchMetadata,
            @Value("${gbsettle.retention.superseded-outputs:400d}") String supersededOutputs,
            @Value("${gbsettle.retention.events:90d}") String events) {
        this.jdbc = jdbc;
        this.slices = slices;
        this.sharedDays = sharedDays;
        this.transactions = new TransactionTemplate(transactionManager);
        this.batchMetadata = retention("gbsettle.retention.batch-metadata", batchMetadata);
        this.supersededOutputs = retention("gbsettle.retention.superseded-outputs", supersededOutputs);
        this.events = retention("gbsettle.retention.events", events);
    }

    private static Duration retention(String property, String value) {
        Duration d;
        try {
            d = DurationStyle.detectAndParse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " is not a duration such as 90d or 2160h: " + value, e);
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(property + " is negative: " + value);
        }
        return d;
    }

    /**
     * What housekeeping deleted, or with a dry run would delete.
     *
     * @param jobInstances Spring Batch job instances whose metadata is (or would be) deleted
     * @param runs never-authoritative runs whose outputs are (or would be) deleted, in run id order
     * @param outputRows rows of those runs' outputs
     * @param partitionRequests ended remote partition requests deleted (or that would be)
     * @param events run events delivered to every subscriber deleted (or that would be)
     */
    public record Report(
            boolean dryRun,
            Duration batchMetadataRetention,
            Duration outputsRetention,
            Duration eventsRetention,
            int jobInstances,
            List<Long> runs,
            long outputRows,
            long partitionRequests,
            long events) {
        public Report {
            Objects.requireNonNull(batchMetadataRetention, "batchMetadataRetention");
            Objects.requireNonNull(outputsRetention, "outputsRetention");
            Objects.requireNonNull(eventsRetention, "eventsRetention");
            runs = List.copyOf(runs);
        }
    }

    /** Deletes (or with {@code dryRun} only counts) what is past its retention now. */
    public Report run(boolean dryRun) {
        return run(dryRun, OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** As {@link #run(boolean)}, as at {@code now}. */
    public Report run(boolean dryRun, OffsetDateTime now) {
        Report report = Objects.requireNonNull(transactions.execute(s -> {
            // Spring Batch records local date-times of the JVM's time zone
            LocalDateTime batchBefore = now.atZoneSameInstant(java.time.ZoneId.systemDefault())
                    .toLocalDateTime()
                    .minus(batchMetadata);
            List<Long> instances =
                    jdbc.sql("""
                            SELECT i.job_instance_id FROM batch_job_instance i
                             WHERE NOT EXISTS (SELECT 1 FROM batch_job_execution e
                                                WHERE e.job_instance_id = i.job_instance_id
                                                  AND (e.end_time IS NULL OR e.end_time >= :before
                                                       OR e.status IN ('STARTING', 'STARTED', 'STOPPING')))
                               AND EXISTS (SELECT 1 FROM batch_job_execution e
                                            WHERE e.job_instance_id = i.job_instance_id)
                             ORDER BY i.job_instance_id
                            """).param("before", batchBefore).query(Long.class).list();
            List<Long> runs = jdbc.sql("""
                            SELECT run_id FROM settlement_run
                             WHERE NOT was_authoritative AND outputs_deleted_at IS NULL
                               AND status IN ('COMPLETE', 'FAILED') AND created_at < :before
                             ORDER BY run_id
                             FOR UPDATE
                            """)
                    .param("before", now.minus(supersededOutputs))
                    .query(Long.class)
                    .list();
            long rows = 0;
            for (String table : OUTPUT_TABLES) {
                rows += runs.isEmpty()
                        ? 0
                        : jdbc.sql("SELECT count(*) FROM " + table + " WHERE run_id IN (:runs)")
                                .param("runs", runs)
                                .query(Long.class)
                                .single();
            }
            OffsetDateTime requestsBefore = now.minus(batchMetadata);
            long requests = jdbc.sql("SELECT count(*) " + ENDED_REQUESTS)
                    .param("before", requestsBefore)
                    .query(Long.class)
                    .single();
            List<Long> oldEvents = jdbc.sql("""
                            SELECT o.sequence FROM event_outbox o
                             WHERE o.time < :before
                               AND NOT EXISTS (SELECT 1 FROM event_delivery d
                                                WHERE d.sequence = o.sequence AND d.delivered_at IS NULL)
                               AND NOT EXISTS (SELECT 1 FROM event_delivery s
                                                GROUP BY s.subscriber HAVING max(s.sequence) < o.sequence)
                             ORDER BY o.sequence
                            """)
                    .param("before", now.minus(events))
                    .query(Long.class)
                    .list();
            if (!dryRun) {
                deleteBatchMetadata(instances);
                jdbc.sql("DELETE " + ENDED_REQUESTS)
                        .param("before", requestsBefore)
                        .update();
                if (!oldEvents.isEmpty()) {
                    jdbc.sql("DELETE FROM event_delivery WHERE sequence IN (:events)")
                            .param("events", oldEvents)
                            .update();
                    jdbc.sql("DELETE FROM event_outbox WHERE sequence IN (:events)")
                            .param("events", oldEvents)
                            .update();
                }
                if (!runs.isEmpty()) {
                    for (String table : OUTPUT_TABLES) {
                        jdbc.sql("DELETE FROM " + table + " WHERE run_id IN (:runs)")
                                .param("runs", runs)
                                .update();
                    }
                    // the derived data kept for a restart (slices, the MPANs stored for workers): such a run can no
                    // longer be restarted
                    for (long run : runs) {
                        slices.clearBytes(run);
                        sharedDays.clear(run);
                    }
                    jdbc.sql("UPDATE settlement_run SET outputs_deleted_at = :now WHERE run_id IN (:runs)")
                            .param("now", now)
                            .param("runs", runs)
                            .update();
                }
            }
            return new Report(
                    dryRun,
                    batchMetadata,
                    supersededOutputs,
                    events,
                    instances.size(),
                    runs,
                    rows,
                    requests,
                    oldEvents.size());
        }));
        LOG.info(
                "Housekeeping{}: Spring Batch metadata of {} job instance(s) ended over {} ago, outputs of {}"
                        + " never-authoritative run(s) created over {} ago ({} rows), {} ended partition request(s),"
                        + " {} delivered event(s) older than {} {}",
                dryRun ? " (dry run)" : "",
                report.jobInstances(),
                batchMetadata,
                report.runs().size(),
                supersededOutputs,
                report.outputRows(),
                report.partitionRequests(),
                report.events(),
                events,
                dryRun ? "would be deleted" : "deleted");
        return report;
    }

    private void deleteBatchMetadata(List<Long> instances) {
        if (instances.isEmpty()) {
            return;
        }
        String executions = "SELECT job_execution_id FROM batch_job_execution WHERE job_instance_id IN (:ids)";
        String steps =
                "SELECT step_execution_id FROM batch_step_execution WHERE job_execution_id IN (" + executions + ")";
        for (String sql : List.of(
                "DELETE FROM batch_step_execution_context WHERE step_execution_id IN (" + steps + ")",
                "DELETE FROM batch_step_execution WHERE job_execution_id IN (" + executions + ")",
                "DELETE FROM batch_job_execution_context WHERE job_execution_id IN (" + executions + ")",
                "DELETE FROM batch_job_execution_params WHERE job_execution_id IN (" + executions + ")",
                "DELETE FROM batch_job_execution WHERE job_instance_id IN (:ids)",
                "DELETE FROM batch_job_instance WHERE job_instance_id IN (:ids)")) {
            jdbc.sql(sql).param("ids", instances).update();
        }
    }
}
