package org.gbsettle.jobs.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gbsettle.jobs.io.postgres.JdbcSettlementRunRepository;
import org.gbsettle.jobs.run.RunDefinition;
import org.gbsettle.jobs.run.SettlementRunJob;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Micrometer meters of settlement runs, recorded as each settlement run job execution starts and ends in this
 * process, whatever started it (the command line, the HTTP API, the scheduler); a restart is a new execution.
 *
 * <table>
 *   <caption>Meters (Prometheus names in brackets)</caption>
 *   <tr><th>meter</th><th>kind, tags</th><th>what</th></tr>
 *   <tr><td>{@value #STARTED} ({@code gbsettle_runs_started_total})</td><td>counter, {@code type}</td>
 *       <td>job executions started</td></tr>
 *   <tr><td>{@value #COMPLETED}, {@value #FAILED}</td><td>counters, {@code type}</td>
 *       <td>job executions that completed the run, or ended without completing it</td></tr>
 *   <tr><td>{@value #DURATION} ({@code gbsettle_run_duration_seconds})</td>
 *       <td>timer, {@code type}, {@code outcome} ({@code completed}, {@code failed})</td>
 *       <td>job execution time, start to end</td></tr>
 *   <tr><td>{@value #METER_ROWS}</td><td>counter, {@code type}</td>
 *       <td>meter rows read by completed runs (accepted + quarantined, those registered in no GSP group included)</td>
 *   </tr>
 *   <tr><td>{@value #ROWS_PER_SECOND}</td><td>gauge</td>
 *       <td>meter rows of the last completed run over its completing execution's time, rows/s</td></tr>
 *   <tr><td>{@value #QUARANTINED}</td><td>counter, {@code gsp_group} ({@code none}: registered in no group)</td>
 *       <td>meter rows quarantined by completed runs</td></tr>
 *   <tr><td>{@value #CF_MIN}, {@value #CF_MAX}</td><td>gauges, {@code gsp_group}</td>
 *       <td>lowest and highest GSP group correction factor over the periods of the last completed run with the
 *       group (dimensionless)</td></tr>
 * </table>
 *
 * <p>The job lists it among its listeners by its qualifier ({@link SettlementRunJob}). A failure to record is logged
 * and never fails the run.
 */
@Component
@Qualifier(SettlementRunJob.JOB_NAME)
public final class RunMetrics implements JobExecutionListener {

    /** Job executions started, by run type. */
    public static final String STARTED = "gbsettle.runs.started";
    /** Job executions that completed their run, by run type. */
    public static final String COMPLETED = "gbsettle.runs.completed";
    /** Job executions that ended without completing their run, by run type. */
    public static final String FAILED = "gbsettle.runs.failed";
    /** Job execution time, by run type and outcome. */
    public static final String DURATION = "gbsettle.run.duration";
    /** Meter rows read by completed runs, by run type. */
    public static final String METER_ROWS = "gbsettle.run.meter.rows";
    /** Meter rows per second of the last completed run. */
    public static final String ROWS_PER_SECOND = "gbsettle.run.last.rows.per.second";
    /** Meter rows quarantined by completed runs, by GSP group. */
    public static final String QUARANTINED = "gbsettle.run.quarantined.rows";
    /** Lowest correction factor of the last completed run, by GSP group. */
    public static final String CF_MIN = "gbsettle.run.last.correction.factor.min";
    /** Highest correction factor of the last completed run, by GSP group. */
    public static final String CF_MAX = "gbsettle.run.last.correction.factor.max";

    /** The {@code gsp_group} tag of rows registered in no GSP group. */
    public static final String NO_GROUP = "none";

    private static final Logger LOG = LoggerFactory.getLogger(RunMetrics.class);

    private final MeterRegistry registry;
    private final JdbcSettlementRunRepository runs;
    private final JdbcClient jdbc;
    private final Map<String, LastValue> gauges = new ConcurrentHashMap<>();

    public RunMetrics(MeterRegistry registry, JdbcSettlementRunRepository runs, JdbcClient jdbc) {
        this.registry = registry;
        this.runs = runs;
        this.jdbc = jdbc;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        try {
            counter(STARTED, type(execution)).increment();
        } catch (RuntimeException e) {
            LOG.warn("Run metrics not recorded at the start of job execution {}: {}", execution.getId(), e.toString());
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        try {
            record(execution);
        } catch (RuntimeException e) {
            LOG.warn("Run metrics not recorded at the end of job execution {}: {}", execution.getId(), e.toString());
        }
    }

    private void record(JobExecution execution) {
        String type = type(execution);
        boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
        Duration time = between(execution.getStartTime(), execution.getEndTime());
        if (time != null) {
            Timer.builder(DURATION)
                    .description("Settlement run job execution time")
                    .tags("type", type, "outcome", completed ? "completed" : "failed")
                    .register(registry)
                    .record(time);
        }
        if (!completed) {
            counter(FAILED, type).increment();
            return;
        }
        counter(COMPLETED, type).increment();
        long runId = runId(execution);
        record Partition(String group, long read, long quarantined) {}
        long rows = 0;
        for (Partition p : jdbc.sql("""
                        SELECT gsp_group, COALESCE(meter_rows_read, 0), COALESCE(meter_rows_quarantined, 0)
                          FROM run_partition WHERE run_id = :run
                        """)
                .param("run", runId)
                .query((rs, n) -> new Partition(String.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3)))
                .list()) {
            rows += p.read();
            quarantined(p.group()).increment(p.quarantined());
        }
        long unassigned = jdbc.sql("SELECT count(*) FROM quarantine WHERE run_id = :run AND gsp_group IS NULL")
                .param("run", runId)
                .query(Long.class)
                .single();
        rows += unassigned;
        quarantined(NO_GROUP).increment(unassigned);
        counter(METER_ROWS, type).increment(rows);
        if (time != null && !time.isZero()) {
            gauge(ROWS_PER_SECOND, Tags.empty()).value = rows / (time.toNanos() / 1e9);
        }
        jdbc.sql("SELECT gsp_group, min(gcf), max(gcf) FROM gsp_group_correction WHERE run_id = :run"
                        + " GROUP BY gsp_group")
                .param("run", runId)
                .query((java.sql.ResultSet rs) -> {
                    Tags group = Tags.of("gsp_group", String.valueOf(rs.getString(1)));
                    gauge(CF_MIN, group).value = rs.getDouble(2);
                    gauge(CF_MAX, group).value = rs.getDouble(3);
                });
    }

    private Counter counter(String name, String type) {
        return Counter.builder(name).tags("type", type).register(registry);
    }

    private Counter quarantined(String group) {
        return Counter.builder(QUARANTINED)
                .description("Meter rows quarantined by completed settlement runs")
                .tags("gsp_group", group)
                .register(registry);
    }

    /** The value holder of a gauge, registered on first use and kept (a gauge holds its object weakly otherwise). */
    private LastValue gauge(String name, Tags tags) {
        return gauges.computeIfAbsent(name + tags, k -> {
            LastValue v = new LastValue();
            Gauge.builder(name, v, LastValue::get)
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
            return v;
        });
    }

    private String type(JobExecution execution) {
        return runs.find(runId(execution))
                .map(RunDefinition::runType)
                .map(Enum::name)
                .orElse("unknown");
    }

    private static long runId(JobExecution execution) {
        Long id = execution.getJobParameters().getLong(SettlementRunJob.RUN_ID);
        if (id == null) {
            throw new IllegalStateException(
                    "job execution " + execution.getId() + " has no " + SettlementRunJob.RUN_ID);
        }
        return id;
    }

    private static @Nullable Duration between(@Nullable LocalDateTime start, @Nullable LocalDateTime end) {
        return start == null || end == null ? null : Duration.between(start, end);
    }

    /** The last value set, NaN before the first. */
    private static final class LastValue {
        volatile double value = Double.NaN;

        double get() {
            return value;
        }
    }
}
