package org.gbsettle.jobs.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.io.postgres.RunLocks;
import org.gbsettle.jobs.run.RunState;
import org.gbsettle.jobs.run.RunStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Settlement runs as the HTTP API shows them, read from {@code settlement_run}, {@code run_partition},
 * {@code data_quality} and {@code quarantine}, with their {@link RunState} as {@link RunState#of} derives it (as
 * {@code status} shows it): a {@code COMPLETE} run authoritative for no GSP group of its date (not in {@code
 * settlement_run_latest_v1}) is {@code SUPERSEDED}, a run recorded as running whose run lock no process holds is
 * {@code ABANDONED}.
 */
@Component
@ConditionalOnWebApplication
public class RunReadModel {

    /** The SQL of a run's state ({@code r}: its {@code settlement_run} row). */
    static final String STATE = """
            CASE r.status
                 WHEN 'COMPLETE' THEN CASE WHEN EXISTS (SELECT 1 FROM settlement_run_latest_v1 l WHERE l.run_id = r.run_id)
                                           THEN 'COMPLETED' ELSE 'SUPERSEDED' END
                 WHEN 'FAILED' THEN 'FAILED'
                 ELSE 'RUNNING' END""";

    private static final String RUNS = """
            SELECT * FROM (
                SELECT r.run_id, r.settlement_date, r.run_type, r.run_number, r.data_cutoff, %s AS state,
                       r.started_by, r.reason, r.created_at, r.completed_at,
                       p.total, p.done, p.rows_read, p.rows_accepted, p.rows_quarantined,
                       p.bm_unit_volume_rows, p.supplier_volume_rows, p.calculation_issue_rows,
                       (SELECT count(*) FROM quarantine q WHERE q.run_id = r.run_id AND q.gsp_group IS NULL)
                           AS rows_quarantined_no_group
                  FROM settlement_run r
                 CROSS JOIN LATERAL (
                       SELECT count(*) AS total,
                              count(*) FILTER (WHERE status = 'COMPLETE') AS done,
                              COALESCE(sum(meter_rows_read), 0)::bigint AS rows_read,
                              COALESCE(sum(meter_rows_accepted), 0)::bigint AS rows_accepted,
                              COALESCE(sum(meter_rows_quarantined), 0)::bigint AS rows_quarantined,
                              COALESCE(sum(bm_unit_volume_rows), 0)::bigint AS bm_unit_volume_rows,
                              COALESCE(sum(supplier_volume_rows), 0)::bigint AS supplier_volume_rows,
                              COALESCE(sum(calculation_issue_rows), 0)::bigint AS calculation_issue_rows
                         FROM run_partition p WHERE p.run_id = r.run_id) p
                 WHERE %s
            ) runs
            """.formatted(STATE, "%s");

    private final JdbcClient jdbc;
    private final RunLocks locks;

    public RunReadModel(JdbcClient jdbc, RunLocks locks) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.locks = Objects.requireNonNull(locks, "locks");
    }

    /** The runs the filter selects, newest first (by creation, then larger run id first). */
    public List<RunView> list(RunFilter filter) {
        List<String> where = new ArrayList<>(List.of("TRUE"));
        Map<String, Object> params = new HashMap<>();
        LocalDate date = filter.date();
        if (date != null) {
            where.add("r.settlement_date = :date");
            params.put("date", date);
        }
        RunType type = filter.type();
        if (type != null) {
            where.add("r.run_type = :type");
            params.put("type", type.name());
        }
        RunState state = filter.state();
        // RUNNING and ABANDONED are told apart by the run lock, after the query
        boolean byLock = state == RunState.RUNNING || state == RunState.ABANDONED;
        String sql = RUNS.formatted(String.join(" AND ", where))
                + (state == null ? "" : " WHERE state = :state")
                + " ORDER BY created_at DESC, run_id DESC LIMIT :limit";
        if (state != null) {
            params.put("state", byLock ? RunState.RUNNING.name() : state.name());
        }
        params.put("limit", filter.limit());
        List<Row> rows = jdbc.sql(sql).params(params).query((rs, n) -> row(rs)).list().stream()
                .filter(r -> !byLock || r.state() == state)
                .toList();
        Map<Long, Map<String, Long>> quality =
                dataQuality(rows.stream().map(Row::runId).toList());
        return rows.stream()
                .map(r -> r.view(quality.getOrDefault(r.runId(), Map.of())))
                .toList();
    }

    /** One run in detail, if it exists. */
    public Optional<RunDetailView> detail(long runId) {
        Optional<Row> found = jdbc.sql(RUNS.formatted("r.run_id = :run"))
                .param("run", runId)
                .query((rs, n) -> row(rs))
                .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RunView view = found.get().view(dataQuality(List.of(runId)).getOrDefault(runId, Map.of()));
        List<RunDetailView.PartitionView> partitions = jdbc.sql("""
                        SELECT gsp_group, status, attempts, started_at, completed_at, metering_systems,
                               meter_rows_read, meter_rows_accepted, meter_rows_quarantined, bm_unit_volume_rows,
                               supplier_volume_rows, calculation_issue_rows, output_fingerprint, failure_message
                          FROM run_partition WHERE run_id = :run ORDER BY gsp_group
                        """)
                .param("run", runId)
                .query((rs, n) -> {
                    Instant started = instant(rs, "started_at");
                    Instant completed = instant(rs, "completed_at");
                    return new RunDetailView.PartitionView(
                            Objects.requireNonNull(rs.getString("gsp_group")),
                            RunStatus.valueOf(Objects.requireNonNull(rs.getString("status"))),
                            rs.getInt("attempts"),
                            started,
                            completed,
                            seconds(started, completed),
                            rs.getObject("metering_systems", Integer.class),
                            rs.getObject("meter_rows_read", Long.class),
                            rs.getObject("meter_rows_accepted", Long.class),
                            rs.getObject("meter_rows_quarantined", Long.class),
                            rs.getObject("bm_unit_volume_rows", Integer.class),
                            rs.getObject("supplier_volume_rows", Integer.class),
                            rs.getObject("calculation_issue_rows", Integer.class),
                            rs.getString("output_fingerprint"),
                            rs.getString("failure_message"));
                })
                .list();
        return jdbc.sql("""
                        SELECT attempts, failure_message, engine_version, reference_load_max, meter_data_file_max,
                               input_fingerprint, output_fingerprint, input_manifest::text AS input_manifest
                          FROM settlement_run WHERE run_id = :run
                        """)
                .param("run", runId)
                .query((rs, n) -> new RunDetailView(
                        view,
                        rs.getInt("attempts"),
                        rs.getString("failure_message"),
                        Objects.requireNonNull(rs.getString("engine_version")),
                        rs.getLong("reference_load_max"),
                        rs.getLong("meter_data_file_max"),
                        rs.getString("input_fingerprint"),
                        rs.getString("output_fingerprint"),
                        rs.getString("input_manifest"),
                        partitions))
                .optional();
    }

    /** Per run, its data-quality counts of the whole date (period 0) summed over its GSP groups, by measure. */
    private Map<Long, Map<String, Long>> dataQuality(List<Long> runIds) {
        Map<Long, Map<String, Long>> out = new LinkedHashMap<>();
        if (runIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        SELECT run_id, measure, sum(count)::bigint FROM data_quality
                         WHERE run_id IN (:runs) AND settlement_period = 0
                         GROUP BY run_id, measure
                        """).param("runs", runIds).query((ResultSet rs) -> {
            out.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>())
                    .put(Objects.requireNonNull(rs.getString(2)), rs.getLong(3));
        });
        return out;
    }

    private Row row(ResultSet rs) throws SQLException {
        LocalDate date = Objects.requireNonNull(rs.getObject("settlement_date", LocalDate.class));
        RunType type = RunType.parse(Objects.requireNonNull(rs.getString("run_type")));
        RunState state = RunState.valueOf(Objects.requireNonNull(rs.getString("state")));
        if (state == RunState.RUNNING && !locks.isHeld(date, type)) {
            state = RunState.ABANDONED;
        }
        return new Row(
                rs.getLong("run_id"),
                date,
                type,
                rs.getInt("run_number"),
                Objects.requireNonNull(instant(rs, "data_cutoff")),
                state,
                Objects.requireNonNull(rs.getString("started_by")),
                Objects.requireNonNull(rs.getString("reason")),
                Objects.requireNonNull(instant(rs, "created_at")),
                instant(rs, "completed_at"),
                rs.getInt("done"),
                rs.getInt("total"),
                new RunView.MeterRows(
                        rs.getLong("rows_read"),
                        rs.getLong("rows_accepted"),
                        rs.getLong("rows_quarantined"),
                        rs.getLong("rows_quarantined_no_group")),
                new RunView.OutputRows(
                        rs.getLong("bm_unit_volume_rows"),
                        rs.getLong("supplier_volume_rows"),
                        rs.getLong("calculation_issue_rows")));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static @Nullable Double seconds(@Nullable Instant from, @Nullable Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toNanos() / 1e9;
    }

    /** A run's row of the list query, before its data-quality counts are added. */
    private record Row(
            long runId,
            LocalDate settlementDate,
            RunType runType,
            int runNumber,
            Instant dataCutoff,
            RunState state,
            String startedBy,
            String reason,
            Instant createdAt,
            @Nullable Instant completedAt,
            int partitionsDone,
            int partitionsTotal,
            RunView.MeterRows meterRows,
            RunView.OutputRows outputRows) {

        RunView view(Map<String, Long> dataQuality) {
            return new RunView(
                    runId,
                    settlementDate,
                    runType,
                    runNumber,
                    dataCutoff,
                    state,
                    startedBy,
                    reason,
                    createdAt,
                    completedAt,
                    seconds(createdAt, completedAt),
                    partitionsDone,
                    partitionsTotal,
                    meterRows,
                    outputRows,
                    dataQuality);
        }
    }
}
