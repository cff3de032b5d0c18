package org.gbsettle.jobs.io.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.run.RunStatus;
import org.gbsettle.jobs.schedule.ScheduleState;
import org.gbsettle.jobs.schedule.ScheduledRun;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The nightly scheduler's state in PostgreSQL ({@code scheduled_run}, V0011), and what it needs to know of the runs of
 * a settlement date and run type ({@code settlement_run}).
 */
@Component
public final class JdbcScheduledRunRepository {

    private final JdbcClient jdbc;

    public JdbcScheduledRunRepository(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /** A run of a settlement date and run type: its id, number, status and who started it. */
    public record ExistingRun(long runId, int runNumber, RunStatus status, String startedBy) {}

    /**
     * The most telling run of {@code date} and {@code type}: a {@code COMPLETE} one if any, else a {@code RUNNING} or
     * {@code PENDING} one, else the latest {@code FAILED} one; the latest of its status; empty if there is none.
     */
    public Optional<ExistingRun> existingRun(LocalDate date, RunType type) {
        return jdbc.sql("""
                        SELECT run_id, run_number, status, started_by FROM settlement_run
                         WHERE settlement_date = :date AND run_type = :type
                         ORDER BY CASE status WHEN 'COMPLETE' THEN 0 WHEN 'RUNNING' THEN 1 WHEN 'PENDING' THEN 2
                                  ELSE 3 END, run_id DESC
                         LIMIT 1
                        """)
                .param("date", date)
                .param("type", type.name())
                .query((rs, n) -> new ExistingRun(
                        rs.getLong(1),
                        rs.getInt(2),
                        RunStatus.valueOf(Objects.requireNonNull(rs.getString(3))),
                        Objects.requireNonNull(rs.getString(4))))
                .optional();
    }

    /** The latest run of {@code date} and {@code type} started by {@code startedBy}, if any. */
    public Optional<Long> latestRunStartedBy(LocalDate date, RunType type, String startedBy) {
        return jdbc.sql("""
                        SELECT run_id FROM settlement_run
                         WHERE settlement_date = :date AND run_type = :type AND started_by = :by
                         ORDER BY run_id DESC LIMIT 1
                        """)
                .param("date", date)
                .param("type", type.name())
                .param("by", startedBy)
                .query(Long.class)
                .optional();
    }

    private static final String SELECT = """
            SELECT s.settlement_date, s.run_type, s.planned_run_date, s.data_cutoff, s.state, s.reason, s.run_id,
                   s.attempts, s.first_seen, s.last_checked
              FROM scheduled_run s JOIN run_type r ON r.run_type = s.run_type
            """;

    /** The scheduler's row of {@code date} and {@code type}, if it has seen it. */
    public Optional<ScheduledRun> find(LocalDate date, RunType type) {
        return jdbc.sql(SELECT + " WHERE s.settlement_date = :date AND s.run_type = :type")
                .param("date", date)
                .param("type", type.name())
                .query(JdbcScheduledRunRepository::row)
                .optional();
    }

    /** The scheduler's rows, by planned run date, then settlement date and run-type rank. */
    public List<ScheduledRun> all() {
        return jdbc.sql(SELECT + " ORDER BY s.planned_run_date, s.settlement_date, r.run_rank, s.run_type")
                .query(JdbcScheduledRunRepository::row)
                .list();
    }

    private static ScheduledRun row(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong(7);
        Long runId = rs.wasNull() ? null : id;
        return new ScheduledRun(
                Objects.requireNonNull(rs.getObject(1, LocalDate.class)),
                RunType.valueOf(Objects.requireNonNull(rs.getString(2))),
                Objects.requireNonNull(rs.getObject(3, LocalDate.class)),
                instant(rs, 4),
                ScheduleState.valueOf(Objects.requireNonNull(rs.getString(5))),
                Objects.requireNonNull(rs.getString(6)),
                runId,
                rs.getInt(8),
                instant(rs, 9),
                instant(rs, 10));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return Objects.requireNonNull(rs.getObject(column, OffsetDateTime.class))
                .toInstant();
    }

    /**
     * Records that a tick looked at the run of {@code date} and {@code type}: inserted on first sight ({@code
     * first_seen} now), else its planned run date and cut-off (a re-aligned calendar may move them), state, reason and
     * run id set; {@code attempts} counts the ticks that checked its inputs ({@code checked}).
     */
    public void record(
            LocalDate date,
            RunType type,
            LocalDate plannedRunDate,
            Instant dataCutoff,
            ScheduleState state,
            String reason,
            @Nullable Long runId,
            boolean checked) {
        jdbc.sql("""
                        INSERT INTO scheduled_run (settlement_date, run_type, planned_run_date, data_cutoff, state,
                                                   reason, run_id, attempts)
                        VALUES (:date, :type, :planned, :cutoff, :state, :reason, :run, :attempts)
                        ON CONFLICT (settlement_date, run_type) DO UPDATE
                           SET planned_run_date = EXCLUDED.planned_run_date,
                               data_cutoff = EXCLUDED.data_cutoff,
                               state = EXCLUDED.state,
                               reason = EXCLUDED.reason,
                               run_id = COALESCE(EXCLUDED.run_id, scheduled_run.run_id),
                               attempts = scheduled_run.attempts + EXCLUDED.attempts,
                               last_checked = now()
                        """)
                .param("date", date)
                .param("type", type.name())
                .param("planned", plannedRunDate)
                .param("cutoff", OffsetDateTime.ofInstant(dataCutoff, ZoneOffset.UTC))
                .param("state", state.name())
                .param("reason", reason)
                .param("run", runId, java.sql.Types.BIGINT)
                .param("attempts", checked ? 1 : 0)
                .update();
    }
}
