package org.gbsettle.jobs.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.io.postgres.JdbcSettlementRunRepository;
import org.gbsettle.jobs.io.postgres.RunLocks;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The read model of settlement runs ({@link RunView}): the {@code settlement_run} and {@code run_partition} rows, the
 * end of the run's last Spring Batch job execution (for a failed run), the run locks held now and the authoritative
 * runs ({@code settlement_run_latest_v1}). What {@code status} prints and the REST API serves.
 */
@Component
public final class RunViews {

    private static final String SELECT = """
            WITH auth AS (SELECT run_id, count(*) AS n FROM settlement_run_latest_v1 GROUP BY run_id)
            SELECT r.run_id, r.settlement_date, r.run_type, r.run_number, r.status, r.data_cutoff, r.started_by,
                   r.reason, r.forced, r.created_at, r.completed_at, r.attempts, r.failure_message,
                   r.input_fingerprint, r.output_fingerprint, r.was_authoritative,
                   COALESCE(p.done, 0) AS done, COALESCE(p.total, 0) AS total, COALESCE(p.read, 0) AS read,
                   COALESCE(p.accepted, 0) AS accepted, COALESCE(p.quarantined, 0) AS quarantined,
                   COALESCE(p.output_rows, 0) AS output_rows, COALESCE(auth.n, 0) AS authoritative,
                   (SELECT max(e.end_time) FROM batch_job_execution e
                      JOIN batch_job_execution_params jp USING (job_execution_id)
                     WHERE jp.parameter_name = 'run.id' AND jp.parameter_value = r.run_id::text) AS job_ended
              FROM settlement_run r
              LEFT JOIN LATERAL (
                    SELECT count(*) FILTER (WHERE status = 'COMPLETE') AS done, count(*) AS total,
                           sum(meter_rows_read) FILTER (WHERE status = 'COMPLETE') AS read,
                           sum(meter_rows_accepted) FILTER (WHERE status = 'COMPLETE') AS accepted,
                           sum(meter_rows_quarantined) FILTER (WHERE status = 'COMPLETE') AS quarantined,
                           sum(bm_unit_volume_rows + supplier_volume_rows) FILTER (WHERE status = 'COMPLETE')
                               AS output_rows
                      FROM run_partition WHERE run_id = r.run_id) p ON true
              LEFT JOIN auth ON auth.run_id = r.run_id
            """;

    private final JdbcClient jdbc;
    private final RunLocks locks;
    private final JdbcSettlementRunRepository runs;

    public RunViews(JdbcClient jdbc, RunLocks locks, JdbcSettlementRunRepository runs) {
        this.jdbc = jdbc;
        this.locks = locks;
        this.runs = runs;
    }

    /**
     * The most recently started runs, newest first, without manifests and partitions.
     *
     * @param settlementDate only runs of this date, or null for all
     * @param limit at most this many, at least 1
     */
    public List<RunView> list(@Nullable LocalDate settlementDate, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("Limit " + limit + " is not at least 1");
        }
        String order = " ORDER BY r.created_at DESC, r.run_id DESC LIMIT :limit";
        JdbcClient.StatementSpec spec = settlementDate == null
                ? jdbc.sql(SELECT + order)
                : jdbc.sql(SELECT + " WHERE r.settlement_date = :date" + order).param("date", settlementDate);
        return spec.param("limit", limit).query((rs, n) -> row(rs)).list().stream()
                .map(r -> view(r, null, List.of()))
                .toList();
    }

    /** One run in detail, with its input manifest and partitions, if it exists. */
    public Optional<RunView> get(long runId) {
        return jdbc.sql(SELECT + " WHERE r.run_id = :run")
                .param("run", runId)
                .query((rs, n) -> row(rs))
                .optional()
                .map(r -> view(
                        r,
                        jdbc.sql("SELECT input_manifest::text FROM settlement_run WHERE run_id = :run")
                                .param("run", runId)
                                .query(String.class)
                                .optional()
                                .orElse(null),
                        runs.detail(runId).map(RunDetail::partitions).orElse(List.of())));
    }

    /** The columns of one run, before the lock and data-quality look-ups. */
    private record Row(
            long runId,
            LocalDate date,
            RunType type,
            int number,
            RunStatus status,
            Instant cutoff,
            String by,
            String reason,
            boolean forced,
            Instant created,
            @Nullable Instant completed,
            int attempts,
            @Nullable String failure,
            @Nullable String inputFingerprint,
            @Nullable String outputFingerprint,
            boolean wasAuthoritative,
            int done,
            int total,
            long read,
            long accepted,
            long quarantined,
            long outputRows,
            int authoritative,
            @Nullable Instant jobEnded) {}

    private static Row row(ResultSet rs) throws SQLException {
        LocalDateTime jobEnded = rs.getObject("job_ended", LocalDateTime.class);
        return new Row(
                rs.getLong("run_id"),
                Objects.requireNonNull(rs.getObject("settlement_date", LocalDate.class)),
                RunType.parse(Objects.requireNonNull(rs.getString("run_type"))),
                rs.getInt("run_number"),
                RunStatus.valueOf(Objects.requireNonNull(rs.getString("status"))),
                Objects.requireNonNull(instant(rs, "data_cutoff")),
                Objects.requireNonNull(rs.getString("started_by")),
                Objects.requireNonNull(rs.getString("reason")),
                rs.getBoolean("forced"),
                Objects.requireNonNull(instant(rs, "created_at")),
                instant(rs, "completed_at"),
                rs.getInt("attempts"),
                rs.getString("failure_message"),
                rs.getString("input_fingerprint"),
                rs.getString("output_fingerprint"),
                rs.getBoolean("was_authoritative"),
                rs.getInt("done"),
                rs.getInt("total"),
                rs.getLong("read"),
                rs.getLong("accepted"),
                rs.getLong("quarantined"),
                rs.getLong("output_rows"),
                rs.getInt("authoritative"),
                // Spring Batch records local date-times of the JVM's time zone
                jobEnded == null
                        ? null
                        : jobEnded.atZone(ZoneId.systemDefault()).toInstant());
    }

    private RunView view(Row r, @Nullable String manifest, List<RunDetail.Partition> partitions) {
        boolean live = r.status() == RunStatus.PENDING || r.status() == RunStatus.RUNNING;
        RunState state = RunState.of(r.status(), live && locks.isHeld(r.date(), r.type()), r.authoritative());
        Instant ended = switch (r.status()) {
            case COMPLETE -> r.completed();
            case FAILED -> r.jobEnded();
            default -> null;
        };
        Duration duration = Duration.between(r.created(), ended == null ? Instant.now() : ended);
        if (duration.isNegative()) {
            duration = Duration.ZERO;
        }
        Map<String, Long> quality = new TreeMap<>();
        jdbc.sql("""
                        SELECT d.measure, sum(d.count) FROM data_quality d
                          JOIN run_partition p ON p.run_id = d.run_id AND p.gsp_group = d.gsp_group
                         WHERE d.run_id = :run AND d.settlement_period = 0 AND p.status = 'COMPLETE'
                         GROUP BY d.measure
                        """).param("run", r.runId()).query((ResultSet rs) -> {
            quality.put(rs.getString(1), rs.getLong(2));
        });
        return new RunView(
                r.runId(),
                r.date(),
                r.type(),
                r.number(),
                state,
                r.status(),
                r.cutoff(),
                r.by(),
                r.reason(),
                r.forced(),
                r.created(),
                ended,
                duration,
                r.attempts(),
                r.done(),
                r.total(),
                r.read(),
                r.accepted(),
                r.quarantined(),
                r.outputRows(),
                quality,
                r.authoritative(),
                r.wasAuthoritative(),
                r.failure(),
                r.inputFingerprint(),
                r.outputFingerprint(),
                manifest,
                partitions);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
