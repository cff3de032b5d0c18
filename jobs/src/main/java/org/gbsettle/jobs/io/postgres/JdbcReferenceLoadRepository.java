package org.gbsettle.jobs.io.postgres;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.reference.LineLossFactors;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.reference.ReferenceFile;
import org.gbsettle.jobs.reference.ReferenceFileKind;
import org.gbsettle.jobs.reference.ReferenceLoadContent;
import org.gbsettle.jobs.reference.ReferenceLoadSummary;
import org.gbsettle.refdata.take.TakeFile;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a checked reference load into the reference tables under a new load version, in one transaction: the
 * {@code reference_load} row, every row of every file in JDBC batches, and each file with its SHA-256 in
 * {@code reference_load_file}. On any failure the transaction is rolled back and nothing is left behind.
 */
@Component
public final class JdbcReferenceLoadRepository {

    /** Rows per JDBC batch. */
    static final int BATCH_SIZE = 2_000;

    private final DataSource dataSource;

    public JdbcReferenceLoadRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Writes a load.
     *
     * @param loadedBy who loads it (an operator or process name)
     * @param description what was loaded, e.g. the sources
     */
    public ReferenceLoadSummary write(ReferenceLoadContent content, String loadedBy, String description) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                ReferenceLoadSummary summary = write(c, content, loadedBy, description);
                c.commit();
                analyze(c, summary);
                return summary;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new GbSettleException(
                    "the reference load failed in the database, nothing was written: " + e.getMessage(), e);
        }
    }

    /**
     * Refreshes the planner's statistics of the tables the load wrote to: a run right after a large load would
     * otherwise be planned on the empty tables' statistics (nested loops over the LLFs took minutes at 20,000
     * metering systems) until autovacuum caught up. A failure here only costs speed, so it is logged, not thrown.
     */
    private static void analyze(Connection c, ReferenceLoadSummary summary) {
        for (Map.Entry<String, Long> e : summary.rowsByTable().entrySet()) {
            if (e.getValue() > 0) {
                try (java.sql.Statement st = c.createStatement()) {
                    c.setAutoCommit(true); // the load's transaction is committed: each ANALYZE on its own
                    st.execute("ANALYZE " + e.getKey());
                } catch (SQLException ex) {
                    LoggerFactory.getLogger(JdbcReferenceLoadRepository.class)
                            .warn(
                                    "ANALYZE {} after load {} failed: {}",
                                    e.getKey(),
                                    summary.loadVersion(),
                                    ex.getMessage());
                }
            }
        }
    }

    private static ReferenceLoadSummary write(
            Connection c, ReferenceLoadContent content, String loadedBy, String description) throws SQLException {
        long version;
        OffsetDateTime loadedAt;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reference_load (loaded_by, description)"
                + " VALUES (?, ?) RETURNING load_version, loaded_at")) {
            ps.setString(1, loadedBy);
            ps.setString(2, description);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                version = rs.getLong(1);
                loadedAt = Objects.requireNonNull(rs.getObject(2, OffsetDateTime.class));
            }
        }
        Map<String, Long> rowsByTable = new LinkedHashMap<>();
        Map<String, Long> rowsByFile = new LinkedHashMap<>();
        for (ReferenceFileKind kind : ReferenceFileKind.values()) {
            rowsByTable.put(kind.table(), 0L);
        }
        for (ReferenceFile f : content.files()) {
            rowsByFile.put(f.recordedName(), 0L);
            if (f.kind().isCsv()) {
                long n = writeCsv(c, version, f.kind(), content.csvRows(f.kind()));
                rowsByTable.put(f.kind().table(), n);
                rowsByFile.put(f.recordedName(), n);
            }
        }
        writeLlfs(c, version, content.llfDays(), rowsByTable, rowsByFile);
        writeTakes(c, version, content.takes(), rowsByTable, rowsByFile);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reference_load_file"
                + " (load_version, file_name, file_kind, sha256, size_bytes, rows_loaded) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (ReferenceFile f : content.files()) {
                ps.setLong(1, version);
                ps.setString(2, f.recordedName());
                ps.setString(3, f.kind().code());
                ps.setString(4, f.sha256());
                ps.setLong(5, f.size());
                ps.setLong(6, rowsByFile.getOrDefault(f.recordedName(), 0L));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return new ReferenceLoadSummary(
                version, loadedAt, loadedBy, content.files().size(), rowsByTable);
    }

    /** Writes CSV rows as text; PostgreSQL converts each value to its column's type (and checks it). */
    private static long writeCsv(Connection c, long version, ReferenceFileKind kind, List<List<@Nullable String>> rows)
            throws SQLException {
        List<String> columns = kind.columns();
        String sql = "INSERT INTO " + kind.table() + " (load_version, " + String.join(", ", columns) + ") VALUES (?"
                + ", ?".repeat(columns.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            for (List<@Nullable String> row : rows) {
                ps.setLong(1, version);
                for (int i = 0; i < columns.size(); i++) {
                    String v = row.get(i);
                    if (v == null) {
                        ps.setNull(i + 2, Types.OTHER);
                    } else {
                        ps.setObject(i + 2, v, Types.OTHER);
                    }
                }
                ps.addBatch();
                if (++pending == BATCH_SIZE) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        return rows.size();
    }

    private static void writeLlfs(
            Connection c,
            long version,
            List<ReferenceLoadContent.LlfDay> days,
            Map<String, Long> rowsByTable,
            Map<String, Long> rowsByFile)
            throws SQLException {
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO llf (load_version, distributor_mpid, llfc,"
                + " settlement_date, settlement_period, llf, source_file) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (ReferenceLoadContent.LlfDay day : days) {
                for (int p = 1; p <= day.periods(); p++) {
                    ps.setLong(1, version);
                    ps.setString(2, day.llfc().distributor().code());
                    ps.setString(3, day.llfc().code());
                    ps.setObject(4, day.date());
                    ps.setShort(5, (short) p);
                    ps.setBigDecimal(6, LineLossFactors.toDecimal(day.millionths(p)));
                    ps.setString(7, day.file());
                    ps.addBatch();
                    if (++pending == BATCH_SIZE) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                total += day.periods();
                rowsByFile.merge(day.file(), (long) day.periods(), Long::sum);
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        rowsByTable.put(ReferenceFileKind.LLF.table(), total);
    }

    private static void writeTakes(
            Connection c,
            long version,
            List<ReferenceLoadContent.TakeBlock> takes,
            Map<String, Long> rowsByTable,
            Map<String, Long> rowsByFile)
            throws SQLException {
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gsp_group_take (load_version, gsp_group_id,"
                + " settlement_date, settlement_period, cdca_run_type, cdca_run_number, aggregation_date, take_mwh,"
                + " estimated, source_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ReferenceLoadContent.TakeBlock t : takes) {
                TakeFile.Block b = t.block();
                GspGroupTake take = b.take();
                LocalDate date = b.date().date();
                long n = 0;
                for (int p = 1; p <= b.date().periodCount(); p++) {
                    BigDecimal mwh = take.mwh(p);
                    if (mwh == null) {
                        continue;
                    }
                    ps.setLong(1, version);
                    ps.setString(2, b.group().id());
                    ps.setObject(3, date);
                    ps.setShort(4, (short) p);
                    ps.setString(5, b.runType().name());
                    ps.setInt(6, b.cdcaRunNumber());
                    ps.setObject(7, b.aggregationDate());
                    ps.setBigDecimal(8, mwh);
                    ps.setBoolean(9, take.estimated(p));
                    ps.setString(10, t.file());
                    ps.addBatch();
                    n++;
                }
                ps.executeBatch();
                total += n;
                rowsByFile.merge(t.file(), n, Long::sum);
            }
        }
        rowsByTable.put(ReferenceFileKind.GSP_GROUP_TAKE.table(), total);
    }
}
