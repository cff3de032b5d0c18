package org.gbsettle.jobs.io.postgres;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
 * correction per period, data-quality counts, calculation issues and the run's quarantine rows, with COPY (the
 * corrections, a few rows with a text array, in a JDBC batch). The
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
    public void replace(
            long runId,
            String group,
            LocalDate date,
            RunResult result,
            List<QuarantineOutput> quarantine,
            List<QuarantineOutput> unassigned) {
        for (String table : TABLES) {
            jdbc.update("DELETE FROM " + table + " WHERE run_id = ? AND gsp_group = ?", runId, group);
        }
        jdbc.update(
                "DELETE FROM quarantine WHERE run_id = ? AND (gsp_group = ? OR gsp_group IS NULL AND found_by_group = ?)",
                runId,
                group,
                group);

        PgCopy.copy(
                jdbc,
                "bm_unit_volume",
                List.of(
                        "run_id",
                        "gsp_group",
                        "supplier_id",
                        "bm_unit_id",
                        "settlement_period",
                        "exact_mwh",
                        "bmuadv_mwh"),
                result.bmUnitVolumes(),
                (BmUnitVolume v, PgCopy.Row r) -> r.add(runId)
                        .add(group)
                        .add(v.supplier().toString())
                        .add(v.bmUnit().toString())
                        .add(v.period())
                        .add(v.exactMwh())
                        .add(v.bmuadvMwh()));
        PgCopy.copy(
                jdbc,
                "supplier_volume",
                List.of(
                        "run_id",
                        "gsp_group",
                        "supplier_id",
                        "bm_unit_id",
                        "ccc_id",
                        "settlement_period",
                        "uncorrected_mwh",
                        "weight",
                        "factor",
                        "corrected_exact_mwh",
                        "corrected_mwh"),
                result.supplierVolumes(),
                (SupplierVolume v, PgCopy.Row r) -> r.add(runId)
                        .add(group)
                        .add(v.supplier().toString())
                        .add(v.bmUnit().toString())
                        .add(v.cccId())
                        .add(v.period())
                        .add(v.uncorrectedMwh())
                        .add(v.weight())
                        .add(v.factor())
                        .add(v.correctedExactMwh())
                        .add(v.correctedMwh()));
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
        PgCopy.copy(
                jdbc,
                "data_quality",
                List.of("run_id", "gsp_group", "settlement_period", "measure", "count", "mwh"),
                result.dataQuality(),
                (DataQualityCount d, PgCopy.Row r) -> r.add(runId)
                        .add(group)
                        .add(d.period())
                        .add(d.measure().name())
                        .add(d.count())
                        .add(d.mwh()));
        List<CalculationIssue> issues = result.issues();
        PgCopy.copy(
                jdbc,
                "calculation_issue",
                List.of("run_id", "gsp_group", "issue_number", "code", "mpan", "settlement_period", "message"),
                new IndexedIssues(issues),
                (Integer i, PgCopy.Row r) -> {
                    CalculationIssue issue = issues.get(i);
                    r.add(runId)
                            .add(group)
                            .add(i + 1)
                            .add(issue.code().name())
                            .addNullable(issue.mpan())
                            .add(issue.period())
                            .add(issue.message());
                });
        insertQuarantine(runId, group, null, date, quarantine);
        insertQuarantine(runId, null, group, date, unassigned);
    }

    /**
     * Deletes the run's quarantine rows registered in no GSP group that its preparation found (in row groups that no
     * group's partition reads), then inserts {@code rows} as such.
     */
    public void replaceUnassignedQuarantine(long runId, LocalDate date, List<QuarantineOutput> rows) {
        jdbc.update("DELETE FROM quarantine WHERE run_id = ? AND gsp_group IS NULL AND found_by_group IS NULL", runId);
        insertQuarantine(runId, null, null, date, rows);
    }

    /**
     * Inserts run quarantine rows; {@code group} null for rows registered in no GSP group, which {@code foundBy}, the
     * partition that read them, or null for the run's preparation.
     */
    public void insertQuarantine(
            long runId,
            @org.jspecify.annotations.Nullable String group,
            @org.jspecify.annotations.Nullable String foundBy,
            LocalDate date,
            List<QuarantineOutput> rows) {
        PgCopy.copy(
                jdbc,
                "quarantine",
                List.of(
                        "run_id",
                        "gsp_group",
                        "file_id",
                        "file_path",
                        "row_number",
                        "mpan",
                        "settlement_date",
                        "settlement_period",
                        "field",
                        "value",
                        "reason",
                        "detail",
                        "found_by_group"),
                rows,
                (QuarantineOutput q, PgCopy.Row r) -> r.add(runId)
                        .add(group)
                        .add(q.fileId())
                        .add(q.filePath())
                        .add(q.rowNumber())
                        .addNullable(q.mpan() > 0 ? q.mpan() : null)
                        .add(date.toString())
                        .add(q.period())
                        .add(q.field())
                        .add(q.value())
                        .add(q.reason())
                        .add(q.detail())
                        .add(foundBy));
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
