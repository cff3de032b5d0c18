package org.gbsettle.jobs.io.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.run.RunStatus;
import org.gbsettle.jobs.run.SettlementRunSummary;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Settlement runs in PostgreSQL ({@code settlement_run} and {@code run_partition}). */
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
