package org.gbsettle.jobs.diff;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.gbsettle.jobs.run.RunDefinition;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The run diff's database side: the run a run supersedes, the stored supplier volumes of a run's GSP group, and the
 * {@code run_diff} and {@code run_diff_summary} tables (V0015), written in one transaction per diff, replacing an
 * earlier diff of the same two runs.
 */
@Component
public final class RunDiffStore {

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public RunDiffStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** A stored supplier volume: uncorrected and corrected exact, and corrected as published, MWh. */
    record StoredVolume(BigDecimal uncorrectedMwh, BigDecimal correctedExactMwh, BigDecimal correctedMwh) {}

    /**
     * The run that {@code run} supersedes: among the COMPLETE runs of its date ranked below it (a lower run-type rank,
     * or the same rank and a lower run number), the highest rank, then the highest run number (then the latest run id).
     */
    public Optional<Long> superseded(RunDefinition run) {
        List<Long> ids = jdbc.queryForList(
                """
                SELECT r.run_id
                  FROM settlement_run r
                  JOIN run_type t ON t.run_type = r.run_type
                 WHERE r.settlement_date = ? AND r.status = 'COMPLETE' AND r.run_id <> ?
                   AND (t.run_rank < (SELECT run_rank FROM run_type WHERE run_type = ?)
                        OR t.run_rank = (SELECT run_rank FROM run_type WHERE run_type = ?) AND r.run_number < ?)
                 ORDER BY t.run_rank DESC, r.run_number DESC, r.run_id DESC
                 LIMIT 1
                """,
                Long.class,
                run.settlementDate(),
                run.runId(),
                run.runType().name(),
                run.runType().name(),
                run.runNumber());
        return ids.stream().filter(Objects::nonNull).findFirst();
    }

    /** The GSP groups a run has outputs for (its partitions), in order. */
    List<String> groups(long runId) {
        return jdbc.queryForList(
                "SELECT gsp_group FROM run_partition WHERE run_id = ? ORDER BY gsp_group", String.class, runId);
    }

    /** A run's stored supplier volumes of a GSP group, by key. */
    Map<GroupAttribution.Key, StoredVolume> volumes(long runId, String group) {
        Map<GroupAttribution.Key, StoredVolume> out = new TreeMap<>();
        jdbc.query(
                """
                SELECT supplier_id, bm_unit_id, ccc_id, settlement_period, uncorrected_mwh, corrected_exact_mwh,
                       corrected_mwh
                  FROM supplier_volume WHERE run_id = ? AND gsp_group = ?
                """,
                (java.sql.ResultSet rs) -> {
                    out.put(
                            new GroupAttribution.Key(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4)),
                            new StoredVolume(rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7)));
                },
                runId,
                group);
        return out;
    }

    /** Replaces the stored diff of the same two runs with {@code diff}, in one transaction. */
    public void replace(RunDiff diff) {
        long run = diff.run().runId();
        long against = diff.against().runId();
        transactions.executeWithoutResult(s -> {
            jdbc.update("DELETE FROM run_diff WHERE run_id = ? AND against_run_id = ?", run, against);
            jdbc.update("DELETE FROM run_diff_summary WHERE run_id = ? AND against_run_id = ?", run, against);
            String causes =
                    String.join(", ", Cause.ALL.stream().map(Cause::column).toList());
            String marks = "?, ".repeat(Cause.ALL.size());
            List<RunDiffRow> rows = diff.rows();
            for (int from = 0; from < rows.size(); from += BATCH) {
                List<RunDiffRow> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
                jdbc.batchUpdate(
                        "INSERT INTO run_diff (run_id, against_run_id, gsp_group, supplier_id, bm_unit_id, ccc_id,"
                                + " settlement_period, against_mwh, run_mwh, total_change_mwh, " + causes
                                + ", rounding_mwh, main_cause) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + marks
                                + "?, ?)",
                        batch,
                        batch.size(),
                        (PreparedStatement ps, RunDiffRow r) -> {
                            int i = 1;
                            ps.setLong(i++, run);
                            ps.setLong(i++, against);
                            ps.setString(i++, r.gspGroup());
                            ps.setString(i++, r.supplierId());
                            ps.setString(i++, r.bmUnitId());
                            ps.setInt(i++, r.cccId());
                            ps.setInt(i++, r.period());
                            ps.setBigDecimal(i++, r.againstMwh());
                            ps.setBigDecimal(i++, r.runMwh());
                            ps.setBigDecimal(i++, r.totalChangeMwh());
                            for (BigDecimal p : r.parts()) {
                                ps.setBigDecimal(i++, p);
                            }
                            ps.setBigDecimal(i++, r.roundingMwh());
                            setCause(ps, i, r.mainCause());
                        });
            }
            jdbc.batchUpdate(
                    "INSERT INTO run_diff_summary (run_id, against_run_id, gsp_group, supplier_id, against_mwh,"
                            + " run_mwh, total_change_mwh, " + causes + ", rounding_mwh, main_cause) VALUES (?, ?, ?,"
                            + " ?, ?, ?, ?, " + marks + "?, ?)",
                    new ArrayList<>(diff.summaries()),
                    BATCH,
                    (PreparedStatement ps, RunDiffSummary r) -> {
                        int i = 1;
                        ps.setLong(i++, run);
                        ps.setLong(i++, against);
                        ps.setString(i++, r.gspGroup());
                        ps.setString(i++, r.supplierId());
                        ps.setBigDecimal(i++, r.againstMwh());
                        ps.setBigDecimal(i++, r.runMwh());
                        ps.setBigDecimal(i++, r.totalChangeMwh());
                        for (BigDecimal p : r.parts()) {
                            ps.setBigDecimal(i++, p);
                        }
                        ps.setBigDecimal(i++, r.roundingMwh());
                        setCause(ps, i, r.mainCause());
                    });
        });
    }

    private static void setCause(PreparedStatement ps, int index, @Nullable Cause cause) throws SQLException {
        if (cause == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, cause.name());
        }
    }
}
