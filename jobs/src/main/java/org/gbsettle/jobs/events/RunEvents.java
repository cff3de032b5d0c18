package org.gbsettle.jobs.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gbsettle.engine.run.RunType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What each run event says: its data read from the run's rows in the transaction of the state change, appended to the
 * {@link EventOutbox}. Each method must be called in that transaction, after the change. The data of every event about
 * a run starts with the run's identity ({@code runId}, {@code settlementDate}, {@code runType}, {@code runNumber},
 * {@code dataCutoff}); the JSON Schemas in {@code schemas/events} give the rest.
 *
 * <p>Supplier volumes: one {@link RunEventType#SUPPLIER_VOLUMES_AVAILABLE} event per completed run, listing every
 * supplier with volumes in it and its GSP groups, with the queries that read them; a consumer interested in one
 * supplier picks it from the list (one event per supplier would multiply the events by the suppliers, about 100 a run
 * in GB, for the same information).
 */
@Component
public final class RunEvents {

    private final JdbcClient jdbc;
    private final EventOutbox outbox;

    public RunEvents(JdbcClient jdbc, EventOutbox outbox) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /** The subject of the events about a run: {@code runs/<id>} (the REST API's path of the run). */
    public static String subject(long runId) {
        return "runs/" + runId;
    }

    /** A run was created: who started it, why, whether forced. */
    public void started(long runId) {
        Map<String, Object> data = identity(runId);
        jdbc.sql("SELECT started_by, reason, forced FROM settlement_run WHERE run_id = :run")
                .param("run", runId)
                .query((java.sql.ResultSet rs) -> {
                    data.put("startedBy", rs.getString(1));
                    data.put("reason", rs.getString(2));
                    data.put("forced", rs.getBoolean(3));
                });
        outbox.append(RunEventType.STARTED, subject(runId), runId, data);
    }

    /** The scheduler held a timetabled run (no run exists yet): the reason, checked again at the next tick. */
    public void held(LocalDate settlementDate, RunType runType, LocalDate plannedRunDate, Instant cutoff, String why) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("settlementDate", settlementDate.toString());
        data.put("runType", runType.name());
        data.put("plannedRunDate", plannedRunDate.toString());
        data.put("dataCutoff", cutoff.toString());
        data.put("reason", why);
        outbox.append(RunEventType.HELD, "schedule/" + settlementDate + "/" + runType.name(), null, data);
    }

    /** A run failed: the operator's message and the attempt that failed. */
    public void failed(long runId, String message) {
        Map<String, Object> data = identity(runId);
        jdbc.sql("SELECT attempts FROM settlement_run WHERE run_id = :run")
                .param("run", runId)
                .query((java.sql.ResultSet rs) -> {
                    data.put("attempt", rs.getInt(1));
                });
        data.put("message", message);
        List<String> complete = new ArrayList<>();
        List<String> notComplete = new ArrayList<>();
        jdbc.sql("SELECT gsp_group, status FROM run_partition WHERE run_id = :run ORDER BY gsp_group")
                .param("run", runId)
                .query((java.sql.ResultSet rs) -> {
                    ("COMPLETE".equals(rs.getString(2)) ? complete : notComplete).add(rs.getString(1));
                });
        data.put("gspGroupsComplete", complete);
        data.put("gspGroupsNotComplete", notComplete);
        outbox.append(RunEventType.FAILED, subject(runId), runId, data);
    }

    /**
     * The runs authoritative for at least one GSP group of {@code date} now: read, under the outbox lock, before a
     * completion, and given to {@link #completed} after it to find the runs it superseded.
     */
    public Set<Long> authoritativeRuns(LocalDate date) {
        outbox.lock();
        return new TreeSet<>(jdbc.sql("SELECT DISTINCT run_id FROM settlement_run_latest_v1 WHERE settlement_date = :d")
                .param("d", date)
                .query(Long.class)
                .list());
    }

    /**
     * A run completed: its completed event, then a superseded event for each of {@code authoritativeBefore} that is
     * now authoritative for no group, then its supplier volumes event.
     */
    public void completed(long runId, Set<Long> authoritativeBefore) {
        Map<String, Object> run = identity(runId);
        LocalDate date = LocalDate.parse((String) Objects.requireNonNull(run.get("settlementDate")));
        Map<String, Object> data = new LinkedHashMap<>(run);
        jdbc.sql("""
                        SELECT completed_at, input_fingerprint, output_fingerprint, attempts
                          FROM settlement_run WHERE run_id = :run
                        """).param("run", runId).query((java.sql.ResultSet rs) -> {
            data.put("completedAt", instant(rs.getObject(1, OffsetDateTime.class)));
            data.put("inputFingerprint", rs.getString(2));
            data.put("outputFingerprint", rs.getString(3));
            data.put("attempts", rs.getInt(4));
        });
        data.put(
                "gspGroups",
                jdbc.sql("SELECT gsp_group FROM run_partition WHERE run_id = :run ORDER BY gsp_group")
                        .param("run", runId)
                        .query(String.class)
                        .list());
        List<String> authoritative = authoritativeGroups(runId);
        data.put("authoritativeGspGroups", authoritative);
        outbox.append(RunEventType.COMPLETED, subject(runId), runId, data);

        for (long earlier : authoritativeBefore) {
            if (earlier != runId && authoritativeGroups(earlier).isEmpty()) {
                Map<String, Object> superseded = identity(earlier);
                Map<String, Object> by = new LinkedHashMap<>();
                by.put("runId", runId);
                by.put("runType", run.get("runType"));
                by.put("runNumber", run.get("runNumber"));
                superseded.put("supersededBy", by);
                outbox.append(RunEventType.SUPERSEDED, subject(earlier), earlier, superseded);
            }
        }

        Map<String, Object> volumes = new LinkedHashMap<>(run);
        volumes.put("authoritativeGspGroups", authoritative);
        Map<String, List<String>> groupsOf = new TreeMap<>();
        // the suppliers of supplier_daily_total_v1 (volumes or BM units), without its sums
        jdbc.sql("""
                        SELECT supplier_id, gsp_group FROM supplier_volume WHERE run_id = :run
                        UNION
                        SELECT supplier_id, gsp_group FROM bm_unit_volume WHERE run_id = :run
                        """).param("run", runId).query((java.sql.ResultSet rs) -> {
            groupsOf.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        List<Map<String, Object>> suppliers = new ArrayList<>();
        groupsOf.forEach((supplier, groups) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("supplierId", supplier);
            s.put("gspGroups", groups.stream().sorted().toList());
            suppliers.add(s);
        });
        volumes.put("suppliers", suppliers);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("view", "supplier_volume_latest_v1");
        query.put(
                "sql",
                "SELECT * FROM supplier_volume_latest_v1 WHERE settlement_date = DATE '" + date + "' AND run_id = "
                        + runId + " AND supplier_id = :supplier_id ORDER BY gsp_group, settlement_period");
        query.put(
                "dailyTotalsSql",
                "SELECT * FROM supplier_daily_total_v1 WHERE run_id = " + runId
                        + " AND supplier_id = :supplier_id ORDER BY gsp_group");
        query.put("export", "gbsettle export --run " + runId + " --by-supplier");
        query.put("report", "/runs/" + runId);
        volumes.put("query", query);
        outbox.append(RunEventType.SUPPLIER_VOLUMES_AVAILABLE, subject(runId), runId, volumes);
    }

    private List<String> authoritativeGroups(long runId) {
        return jdbc.sql("SELECT gsp_group FROM settlement_run_latest_v1 WHERE run_id = :run ORDER BY gsp_group")
                .param("run", runId)
                .query(String.class)
                .list();
    }

    /** The run's identity: id, settlement date, run type, number and data cut-off. */
    private Map<String, Object> identity(long runId) {
        Map<String, Object> data = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT run_id, settlement_date, run_type, run_number, data_cutoff
                          FROM settlement_run WHERE run_id = :run
                        """).param("run", runId).query((java.sql.ResultSet rs) -> {
            data.put("runId", rs.getLong(1));
            data.put("settlementDate", String.valueOf(rs.getObject(2, LocalDate.class)));
            data.put("runType", rs.getString(3));
            data.put("runNumber", rs.getInt(4));
            data.put("dataCutoff", instant(rs.getObject(5, OffsetDateTime.class)));
        });
        if (data.isEmpty()) {
            throw new IllegalStateException("there is no run " + runId);
        }
        return data;
    }

    private static @Nullable String instant(@Nullable OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
