package org.gbsettle.jobs.diff;

import java.math.BigDecimal;
import java.util.List;
import org.gbsettle.jobs.report.RunDiffSummary;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The run report's diff summary from the stored run diff ({@code run_diff_summary}, written by {@code gbsettle diff}):
 * per supplier and GSP group, the change in corrected volume over the day (MWh) and its main cause, largest first. A
 * run whose diff against the run it supersedes has not been computed gets a note saying how to compute it; the report
 * does not compute it itself (each GSP group is recomputed up to seven times).
 */
@Component
public final class StoredDiffSummary implements RunDiffSummary {

    private final JdbcTemplate jdbc;

    public StoredDiffSummary(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Summary summarise(long runId, @Nullable Long supersededRunId, int maxMovers) {
        if (supersededRunId == null) {
            return Summary.none(null);
        }
        List<Mover> movers = jdbc.query(
                "SELECT supplier_id, gsp_group, total_change_mwh, main_cause FROM run_diff_summary"
                        + " WHERE run_id = ? AND against_run_id = ?"
                        + " ORDER BY abs(total_change_mwh) DESC, supplier_id, gsp_group LIMIT ?",
                (rs, n) ->
                        new Mover(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), causeLabel(rs.getString(4))),
                runId,
                supersededRunId,
                Math.max(0, maxMovers));
        record Totals(int rows, BigDecimal changeMwh) {}
        Totals totals = jdbc.queryForObject(
                "SELECT count(*), coalesce(sum(total_change_mwh), 0) FROM run_diff_summary"
                        + " WHERE run_id = ? AND against_run_id = ?",
                (rs, n) -> new Totals(rs.getInt(1), rs.getBigDecimal(2)),
                runId,
                supersededRunId);
        if (totals == null || totals.rows() == 0) {
            return new Summary(
                    supersededRunId,
                    false,
                    "no diff stored against run " + supersededRunId + ": run 'gbsettle diff --run " + runId
                            + "', then the report again",
                    List.of());
        }
        return new Summary(
                supersededRunId,
                true,
                "the run diff against run " + supersededRunId + " (gbsettle diff): " + totals.rows()
                        + " supplier and GSP group total(s), change in all "
                        + totals.changeMwh().toPlainString() + " MWh; the largest movers:",
                movers);
    }

    private static String causeLabel(@Nullable String name) {
        if (name == null) {
            return "no change";
        }
        try {
            return Cause.valueOf(name).label();
        } catch (IllegalArgumentException e) {
            return name;
        }
    }
}
