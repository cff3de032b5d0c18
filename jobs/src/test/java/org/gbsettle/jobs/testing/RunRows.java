package org.gbsettle.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.gbsettle.jobs.io.postgres.EmbeddedPostgresServer;
import org.gbsettle.jobs.io.postgres.RunLocks;
import org.jspecify.annotations.Nullable;

/**
 * Reads of settlement runs' rows for tests that drive child JVMs against their own embedded PostgreSQL (no Spring
 * context of their own): one value, a run partition column by GSP group, the output rows two runs do not share, whether
 * a run lock is held, and the next run created.
 *
 * @param jdbcUrl the database, logged in to as {@link EmbeddedPostgresServer#USER}
 */
public record RunRows(String jdbcUrl) {

    /** A new connection to the database. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER, "");
    }

    /** The first column of the first row of {@code sql} with one {@code long} parameter; null if no row. */
    public @Nullable Object value(String sql, long parameter) throws SQLException {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }

    /** A column of a run's partitions ({@code run_partition}) by GSP group, as text. */
    public Map<String, String> byGroup(String column, long runId) throws SQLException {
        Map<String, String> m = new TreeMap<>();
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement("SELECT gsp_group, " + column + " FROM run_partition WHERE run_id = ?")) {
            s.setLong(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return m;
    }

    /**
     * Rows of an output table in one run and not the other, either way (as multisets: a row twice in one and once in
     * the other counts), comparing every column but the run id; the table must hold rows of run {@code a}.
     */
    public long differingRows(String table, long a, long b) throws SQLException {
        try (Connection c = connect()) {
            List<String> columns = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT column_name FROM information_schema.columns WHERE"
                    + " table_name = ? AND column_name <> 'run_id' ORDER BY ordinal_position")) {
                s.setString(1, table);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        columns.add(rs.getString(1));
                    }
                }
            }
            String cols = String.join(", ", columns);
            String sql = "SELECT (SELECT count(*) FROM " + table + " WHERE run_id = ?),"
                    + " (SELECT count(*) FROM (SELECT " + cols + " FROM " + table + " WHERE run_id = ? EXCEPT ALL"
                    + " SELECT " + cols + " FROM " + table + " WHERE run_id = ?) x),"
                    + " (SELECT count(*) FROM (SELECT " + cols + " FROM " + table + " WHERE run_id = ? EXCEPT ALL"
                    + " SELECT " + cols + " FROM " + table + " WHERE run_id = ?) y)";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, a);
                s.setLong(2, a);
                s.setLong(3, b);
                s.setLong(4, b);
                s.setLong(5, a);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(table + " rows").isPositive();
                    return rs.getLong(2) + rs.getLong(3);
                }
            }
        }
    }

    /**
     * Asserts that run {@code runId} is COMPLETE with the outputs of run {@code reference}: the same output fingerprint,
     * the same fingerprint per GSP group, and no output row of one missing from the other.
     */
    public void assertSameOutputs(long runId, long reference) throws SQLException {
        assertThat(value("SELECT status FROM settlement_run WHERE run_id = ?", runId))
                .isEqualTo("COMPLETE");
        assertThat(value("SELECT output_fingerprint FROM settlement_run WHERE run_id = ?", runId))
                .isEqualTo(value("SELECT output_fingerprint FROM settlement_run WHERE run_id = ?", reference));
        assertThat(byGroup("output_fingerprint", runId)).isEqualTo(byGroup("output_fingerprint", reference));
        for (String table : List.of("bm_unit_volume", "supplier_volume", "gsp_group_correction", "data_quality")) {
            assertThat(differingRows(table, runId, reference)).as(table).isZero();
        }
    }

    /** Whether any process holds a run lock (a {@link RunLocks} advisory lock). */
    public boolean lockHeld() {
        try {
            return Boolean.TRUE.equals(value(
                    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid::bigint = ?)",
                    (long) RunLocks.NAMESPACE));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The newest run, once a run newer than every run so far exists (waited for up to 3 minutes). */
    public long waitForNewRun() throws SQLException, InterruptedException {
        Object max = value("SELECT COALESCE(max(run_id), 0) FROM settlement_run WHERE run_id >= ?", 0L);
        long before = max == null ? 0 : (Long) max;
        long[] id = {0};
        waitFor(() -> {
            try {
                Object newest = value("SELECT max(run_id) FROM settlement_run WHERE run_id > ?", before);
                id[0] = newest == null ? 0 : (Long) newest;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return id[0] > 0;
        });
        return id[0];
    }

    /** Waits until {@code condition} holds, polling every 50 ms; fails the test after 3 minutes. */
    public static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 3 minutes").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
