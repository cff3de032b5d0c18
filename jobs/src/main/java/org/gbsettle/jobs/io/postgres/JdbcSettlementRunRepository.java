package org.gbsettle.jobs.io.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.run.RunDefinition;
import org.gbsettle.jobs.run.RunDetail;
import org.gbsettle.jobs.run.RunStatus;
import org.gbsettle.jobs.run.SettlementRunSummary;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Settlement runs in PostgreSQL ({@code settlement_run} and {@code run_partition}): created with their pinned inputs,
 * moved through their states by the settlement run job, and listed.
 */
@Component
public final class JdbcSettlementRunRepository {

    private static final String SUMMARY_SELECT = """
            SELECT r.run_id, r.settlement_date, r.run_type, r.run_number, r.status, r.created_at, r.completed_at,
                   count(p.gsp_group) AS gsp_groups,
                   count(p.gsp_group) FILTER (WHERE p.status = 'COMPLETE') AS gsp_groups_complete
              FROM settlement_run r
              LEFT JOIN run_partition p ON p.run_id = r.run_id
            """;

    private static final String SUMMARY_ORDER = """
             GROUP BY r.run_id
             ORDER BY r.created_at DESC, r.run_id DESC
             LIMIT :limit
            """;

    private final JdbcClient jdbc;

    public JdbcSettlementRunRepository(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /**
     * Creates a run ({@code PENDING}) pinning the latest reference load version and meter-data file id, and returns
     * its id.
     *
     * @throws GbSettleException if a run with the date, type and number exists already
     */
    public long create(
            LocalDate date,
            RunType type,
            int number,
            Instant cutoff,
            String startedBy,
            String reason,
            String engineVersion,
            String configJson) {
        return create(date, type, number, cutoff, startedBy, reason, engineVersion, configJson, false);
    }

    /**
     * As {@link #create(LocalDate, RunType, int, Instant, String, String, String, String)}, recording whether the
     * run was forced ({@code --force}: a rerun of a date already at RF or later).
     */
    public long create(
            LocalDate date,
            RunType type,
            int number,
            Instant cutoff,
            String startedBy,
            String reason,
            String engineVersion,
            String configJson,
            boolean forced) {
        try {
            return jdbc.sql("""
                            INSERT INTO settlement_run (settlement_date, run_type, run_number, data_cutoff, status,
                                                        started_by, reason, engine_version, config,
                                                        reference_load_max, meter_data_file_max, forced)
                            VALUES (:date, :type, :number, :cutoff, 'PENDING', :by, :reason, :engine,
                                    CAST(:config AS JSONB),
                                    (SELECT COALESCE(max(load_version), 0) FROM reference_load),
                                    (SELECT COALESCE(max(file_id), 0) FROM meter_data_file), :forced)
                            RETURNING run_id
                            """)
                    .param("date", date)
                    .param("type", type.name())
                    .param("number", number)
                    .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                    .param("by", startedBy)
                    .param("reason", reason)
                    .param("engine", engineVersion)
                    .param("config", configJson)
                    .param("forced", forced)
                    .query(Long.class)
                    .single();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new GbSettleException(
                    "a run " + date + " " + type + " " + number
                            + " exists already: leave out --number for the next number",
                    e);
        }
    }

    /** The next run number of a date and run type: one more than the highest so far, 1 for the first. */
    public int nextRunNumber(LocalDate date, RunType type) {
        return jdbc.sql("SELECT COALESCE(MAX(run_number), 0) + 1 FROM settlement_run WHERE settlement_date = :date"
                        + " AND run_type = :type")
                .param("date", date)
                .param("type", type.name())
                .query(Integer.class)
                .single();
    }

    /** A run by id, if it exists. */
    public Optional<RunDefinition> find(long runId) {
        return jdbc.sql("""
                        SELECT run_id, settlement_date, run_type, run_number, data_cutoff, status, reference_load_max,
                               meter_data_file_max, attempts
                          FROM settlement_run WHERE run_id = :run
                        """)
                .param("run", runId)
                .query((rs, n) -> new RunDefinition(
                        rs.getLong("run_id"),
                        Objects.requireNonNull(rs.getObject("settlement_date", LocalDate.class)),
                        RunType.parse(Objects.requireNonNull(rs.getString("run_type"))),
                        rs.getInt("run_number"),
                        Objects.requireNonNull(rs.getObject("data_cutoff", OffsetDateTime.class))
                                .toInstant(),
                        RunStatus.valueOf(Objects.requireNonNull(rs.getString("status"))),
                        rs.getLong("reference_load_max"),
                        rs.getLong("meter_data_file_max"),
                        rs.getInt("attempts")))
                .optional();
    }

    /** A run by id. @throws GbSettleException if there is none */
    public RunDefinition get(long runId) {
        return find(runId).orElseThrow(() -> new GbSettleException("there is no run " + runId));
    }

    /** Marks a run {@code RUNNING} for a new attempt (its first, or a restart), clearing a previous failure. */
    public void markRunning(long runId) {
        jdbc.sql("UPDATE settlement_run SET status = 'RUNNING', failure_message = NULL, attempts = attempts + 1"
                        + " WHERE run_id = :run AND status <> 'COMPLETE'")
                .param("run", runId)
                .update();
    }

    /** Marks a run {@code FAILED} with a message, unless it is complete; whether it did. */
    public boolean markFailed(long runId, String message) {
        return jdbc.sql(
                                "UPDATE settlement_run SET status = 'FAILED', failure_message = :message WHERE run_id = :run AND"
                                        + " status <> 'COMPLETE'")
                        .param("message", message)
                        .param("run", runId)
                        .update()
                > 0;
    }

    /** Adds the run's partitions ({@code PENDING}) that do not exist yet. */
    public void addPartitions(long runId, List<String> gspGroups) {
        for (String g : gspGroups) {
            jdbc.sql("INSERT INTO run_partition (run_id, gsp_group, status) VALUES (:run, :group, 'PENDING')"
                            + " ON CONFLICT (run_id, gsp_group) DO NOTHING")
                    .param("run", runId)
                    .param("group", g)
                    .update();
        }
    }

    /** The run's partitions (GSP group id to status), in GSP group order. */
    public Map<String, RunStatus> partitions(long runId) {
        Map<String, RunStatus> out = new TreeMap<>();
        jdbc.sql("SELECT gsp_group, status FROM run_partition WHERE run_id = :run")
                .param("run", runId)
                .query((ResultSet rs) -> {
                    out.put(rs.getString(1), RunStatus.valueOf(rs.getString(2)));
                });
        return out;
    }

    /**
     * Marks a partition {@code RUNNING} for a new attempt, unless it is {@code COMPLETE} (a late duplicate attempt never
     * un-completes a group).
     *
     * @return whether the partition was marked; false if it is complete
     */
    public boolean markPartitionRunning(long runId, String gspGroup) {
        return markPartitionRunning(runId, gspGroup, false);
    }

    /**
     * As {@link #markPartitionRunning(long, String)}; with {@code keepStart} a group already {@code RUNNING} keeps its
     * start (a cut group's combine: the group started with its first slice).
     */
    public boolean markPartitionRunning(long runId, String gspGroup, boolean keepStart) {
        return jdbc.sql("UPDATE run_partition SET status = 'RUNNING', started_at = CASE WHEN :keep AND status ="
                                + " 'RUNNING' THEN coalesce(started_at, now()) ELSE now() END, completed_at = NULL,"
                                + " failure_message = NULL, attempts = attempts + 1"
                                + " WHERE run_id = :run AND gsp_group = :group AND status <> 'COMPLETE'")
                        .param("keep", keepStart)
                        .param("run", runId)
                        .param("group", gspGroup)
                        .update()
                == 1;
    }

    /**
     * Marks a GSP group cut into slices {@code RUNNING} as its first slice is sampled or calculated, if it is {@code
     * PENDING} (each attempt's {@code prepare} makes its unfinished cut groups so: {@link #resetSlicedPartitions}),
     * without counting an attempt: its combine counts them ({@link #markPartitionRunning}). A group another slice
     * marked {@code FAILED} in this attempt stays so.
     */
    public void markSlicedPartitionStarted(long runId, String gspGroup) {
        jdbc.sql("UPDATE run_partition SET status = 'RUNNING', started_at = now(), completed_at = NULL,"
                        + " failure_message = NULL WHERE run_id = :run AND gsp_group = :group AND status = 'PENDING'")
                .param("run", runId)
                .param("group", gspGroup)
                .update();
    }

    /**
     * Makes the run's unfinished GSP groups cut into slices {@code PENDING} again (a new attempt's {@code prepare}), so
     * that their first slice marks them {@code RUNNING} ({@link #markSlicedPartitionStarted}).
     */
    public void resetSlicedPartitions(long runId) {
        jdbc.sql("UPDATE run_partition SET status = 'PENDING' WHERE run_id = :run AND status IN ('RUNNING', 'FAILED')"
                        + " AND gsp_group IN (SELECT gsp_group FROM run_group_slice WHERE run_id = :run)")
                .param("run", runId)
                .update();
    }

    /** Marks a partition {@code FAILED} with a message. */
    public void markPartitionFailed(long runId, String gspGroup, String message) {
        jdbc.sql("UPDATE run_partition SET status = 'FAILED', failure_message = :message WHERE run_id = :run AND"
                        + " gsp_group = :group AND status <> 'COMPLETE'")
                .param("message", message)
                .param("run", runId)
                .param("group", gspGroup)
                .update();
    }

    /** The input manifests of the run's partitions (JSON text) in GSP group order. */
    public Map<String, String> partitionManifests(long runId) {
        Map<String, String> out = new TreeMap<>();
        jdbc.sql("SELECT gsp_group, input_manifest::text FROM run_partition WHERE run_id = :run")
                .param("run", runId)
                .query((ResultSet rs) -> {
                    String m = rs.getString(2);
                    out.put(rs.getString(1), m == null ? "null" : m);
                });
        return out;
    }

    /** A run with its partitions, if it exists. */
    public Optional<RunDetail> detail(long runId) {
        Optional<RunDefinition> run = find(runId);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        List<RunDetail.Partition> partitions = jdbc.sql("""
                        SELECT gsp_group, status, attempts, metering_systems, meter_rows_read, meter_rows_accepted,
                               meter_rows_quarantined, completed_at, failure_message
                          FROM run_partition WHERE run_id = :run ORDER BY gsp_group
                        """)
                .param("run", runId)
                .query((rs, n) -> new RunDetail.Partition(
                        Objects.requireNonNull(rs.getString("gsp_group")),
                        RunStatus.valueOf(Objects.requireNonNull(rs.getString("status"))),
                        rs.getInt("attempts"),
                        rs.getObject("metering_systems", Integer.class),
                        rs.getObject("meter_rows_read", Long.class),
                        rs.getObject("meter_rows_accepted", Long.class),
                        rs.getObject("meter_rows_quarantined", Long.class),
                        instant(rs, "completed_at"),
                        rs.getString("failure_message")))
                .list();
        return jdbc.sql("""
                        SELECT started_by, reason, created_at, completed_at, failure_message, input_fingerprint,
                               output_fingerprint
                          FROM settlement_run WHERE run_id = :run
                        """)
                .param("run", runId)
                .query((rs, n) -> new RunDetail(
                        run.get(),
                        Objects.requireNonNull(rs.getString("started_by")),
                        Objects.requireNonNull(rs.getString("reason")),
                        Objects.requireNonNull(instant(rs, "created_at")),
                        instant(rs, "completed_at"),
                        rs.getString("failure_message"),
                        rs.getString("input_fingerprint"),
                        rs.getString("output_fingerprint"),
                        partitions))
                .optional();
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * The most recently started runs, newest first (ties by run id, larger first).
     *
     * @param settlementDate only runs of this settlement date, or null for all dates
     * @param limit at most this many runs, at least 1
     */
    public List<SettlementRunSummary> recent(@Nullable LocalDate settlementDate, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("Limit " + limit + " is not at least 1");
        }
        if (settlementDate == null) {
            return jdbc.sql(SUMMARY_SELECT + SUMMARY_ORDER)
                    .param("limit", limit)
                    .query((rs, row) -> summary(rs))
                    .list();
        }
        return jdbc.sql(SUMMARY_SELECT + " WHERE r.settlement_date = :date\n" + SUMMARY_ORDER)
                .param("date", settlementDate)
                .param("limit", limit)
                .query((rs, row) -> summary(rs))
                .list();
    }

    private static SettlementRunSummary summary(ResultSet rs) throws SQLException {
        OffsetDateTime completed = rs.getObject("completed_at", OffsetDateTime.class);
        return new SettlementRunSummary(
                rs.getLong("run_id"),
                Objects.requireNonNull(rs.getObject("settlement_date", LocalDate.class), "settlement_date"),
                RunType.parse(Objects.requireNonNull(rs.getString("run_type"), "run_type")),
                rs.getInt("run_number"),
                RunStatus.valueOf(Objects.requireNonNull(rs.getString("status"), "status")),
                rs.getInt("gsp_groups"),
                rs.getInt("gsp_groups_complete"),
                Objects.requireNonNull(rs.getObject("created_at", OffsetDateTime.class), "created_at")
                        .toInstant(),
                completed == null ? null : completed.toInstant());
    }
}
