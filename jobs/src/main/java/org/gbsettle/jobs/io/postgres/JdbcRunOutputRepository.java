package org.gbsettle.jobs.io.postgres;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import org.gbsettle.engine.run.BmUnitVolume;
import org.gbsettle.engine.run.CalculationIssue;
import org.gbsettle.engine.run.DataQualityCount;
import org.gbsettle.engine.run.GspGroupCorrection;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.run.SupplierVolume;
import org.gbsettle.jobs.run.QuarantineOutput;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the outputs of one partition (run and GSP group) of a settlement run: BM unit volumes, supplier volumes, the
 * correction per period, data-quality counts, calculation issues and the run's quarantine rows, in JDBC batches. The
 * caller runs {@link #replace} in one transaction with the partition's completion, so a partition's outputs are
 * written whole or not at all, and writing them again replaces them (idempotent).
 */
@Component
public final class JdbcRunOutputRepository {

    private static final int BATCH = 1000;
    private static final String[] TABLES = {
        "bm_unit_volume", "supplier_volume", "gsp_group_correction", "data_quality", "calculation_issue"
    };

    private final JdbcTemplate jdbc;

    public JdbcRunOutputRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes the partition's outputs and quarantine rows, then inserts {@code result}'s and {@code quarantine}. */
    public void replace(long runId, String group, LocalDate date, RunResult result, List<QuarantineOutput> quarantine) {
        for (String table : TABLES) {
            jdbc.update("DELETE FROM " + table + " WHERE run_id = ? AND gsp_group = ?", runId, group);
        }
        jdbc.update("DELETE FROM quarantine WHERE run_id = ? AND gsp_group = ?", runId, group);

        jdbc.batchUpdate(
                "INSERT INTO bm_unit_volume (run_id, gsp_group, supplier_id, bm_unit_id, settlement_period, exact_mwh,"
                        + " bmuadv_mwh) VALUES (?, ?, ?, ?, ?, ?, ?)",
                result.bmUnitVolumes(),
                BATCH,
                (PreparedStatement ps, BmUnitVolume v) -> {
                    ps.setLong(1, runId);
                    ps.setString(2, group);
                    ps.setString(3, v.supplier().toString());
                    ps.setString(4, v.bmUnit().toString());
                    ps.setInt(5, v.period());
                    ps.setBigDecimal(6, v.exactMwh());
                    ps.setBigDecimal(7, v.bmuadvMwh());
                });
        jdbc.batchUpdate(
                "INSERT INTO supplier_volume (run_id, gsp_group, supplier_id, bm_unit_id, ccc_id, settlement_period,"
                        + " uncorrected_mwh, weight, factor, corrected_exact_mwh, corrected_mwh)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                result.supplierVolumes(),
                BATCH,
                (PreparedStatement ps, SupplierVolume v) -> {
                    ps.setLong(1, runId);
                    ps.setString(2, group);
                    ps.setString(3, v.supplier().toString());
                    ps.setString(4, v.bmUnit().toString());
                    ps.setInt(5, v.cccId());
                    ps.setInt(6, v.period());
                    ps.setBigDecimal(7, v.uncorrectedMwh());
                    ps.setBigDecimal(8, v.weight());
                    ps.setBigDecimal(9, v.factor());
                    ps.setBigDecimal(10, v.correctedExactMwh());
                    ps.setBigDecimal(11, v.correctedMwh());
                });
        jdbc.batchUpdate(
                "INSERT INTO gsp_group_correction (run_id, gsp_group, settlement_period, gcf_type, gcf,"
                        + " gsp_group_take_mwh, take_estimated, uncorrected_total_mwh, correctable_mwh,"
                        + " unallocated_mwh, published_residual_mwh, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                result.corrections(),
                BATCH,
                (PreparedStatement ps, GspGroupCorrection c) -> {
                    ps.setLong(1, runId);
                    ps.setString(2, group);
                    ps.setInt(3, c.period());
                    ps.setString(4, c.gcfType());
                    ps.setBigDecimal(5, c.gcf());
                    ps.setBigDecimal(6, c.takeMwh());
                    ps.setBoolean(7, c.takeEstimated());
                    ps.setBigDecimal(8, c.uncorrectedTotalMwh());
                    ps.setBigDecimal(9, c.correctableMwh());
                    ps.setBigDecimal(10, c.unallocatedMwh());
                    ps.setBigDecimal(11, c.publishedResidualMwh());
                    ps.setArray(12, textArray(ps, c.flags()));
                });
        jdbc.batchUpdate(
                "INSERT INTO data_quality (run_id, gsp_group, settlement_period, measure, count, mwh)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                result.dataQuality(),
                BATCH,
                (PreparedStatement ps, DataQualityCount d) -> {
                    ps.setLong(1, runId);
                    ps.setString(2, group);
                    ps.setInt(3, d.period());
                    ps.setString(4, d.measure().name());
                    ps.setLong(5, d.count());
                    ps.setBigDecimal(6, d.mwh());
                });
        List<CalculationIssue> issues = result.issues();
        jdbc.batchUpdate(
                "INSERT INTO calculation_issue (run_id, gsp_group, issue_number, code, mpan, settlement_period,"
                        + " message) VALUES (?, ?, ?, ?, ?, ?, ?)",
                new IndexedIssues(issues),
                BATCH,
                (PreparedStatement ps, Integer i) -> {
                    CalculationIssue issue = issues.get(i);
                    ps.setLong(1, runId);
                    ps.setString(2, group);
                    ps.setInt(3, i + 1);
                    ps.setString(4, issue.code().name());
                    Long mpan = issue.mpan();
                    if (mpan == null) {
                        ps.setNull(5, Types.BIGINT);
                    } else {
                        ps.setLong(5, mpan);
                    }
                    ps.setInt(6, issue.period());
                    ps.setString(7, issue.message());
                });
        insertQuarantine(runId, group, date, quarantine);
    }

    /** Deletes the run's quarantine rows registered in no GSP group, then inserts {@code rows}. */
    public void replaceUnassignedQuarantine(long runId, LocalDate date, List<QuarantineOutput> rows) {
        jdbc.update("DELETE FROM quarantine WHERE run_id = ? AND gsp_group IS NULL", runId);
        insertQuarantine(runId, null, date, rows);
    }

    /** Inserts run quarantine rows; {@code group} null for rows registered in no GSP group. */
    public void insertQuarantine(
            long runId, @org.jspecify.annotations.Nullable String group, LocalDate date, List<QuarantineOutput> rows) {
        jdbc.batchUpdate(
                "INSERT INTO quarantine (run_id, gsp_group, file_id, file_path, row_number, mpan, settlement_date,"
                        + " settlement_period, field, value, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
                BATCH,
                (PreparedStatement ps, QuarantineOutput q) -> {
                    ps.setLong(1, runId);
                    if (group == null) {
                        ps.setNull(2, Types.VARCHAR);
                    } else {
                        ps.setString(2, group);
                    }
                    ps.setLong(3, q.fileId());
                    ps.setString(4, q.filePath());
                    ps.setLong(5, q.rowNumber());
                    if (q.mpan() > 0) {
                        ps.setLong(6, q.mpan());
                    } else {
                        ps.setNull(6, Types.BIGINT);
                    }
                    ps.setObject(7, date);
                    ps.setInt(8, q.period());
                    ps.setString(9, q.field());
                    ps.setString(10, q.value());
                    ps.setString(11, q.reason());
                    ps.setString(12, q.detail());
                });
    }

    private static Array textArray(PreparedStatement ps, List<String> values) throws SQLException {
        return ps.getConnection().createArrayOf("text", values.toArray(String[]::new));
    }

    /** The positions 0..n-1 of a list, so that a batch can number its rows. */
    private static final class IndexedIssues extends java.util.AbstractList<Integer> {
        private final int size;

        IndexedIssues(List<?> list) {
            this.size = list.size();
        }

        @Override
        public Integer get(int index) {
            return index;
        }

        @Override
        public int size() {
            return size;
        }
    }
}
