package org.gbsettle.jobs.io.postgres;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gbsettle.jobs.report.RunReportData;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads what a run report shows ({@link RunReportData}) with read-only queries in one read-only, repeatable-read
 * transaction (one snapshot of the database, writes refused by PostgreSQL): the run's header from
 * {@code settlement_run}, its pinned meter-data files from its input manifest, its partitions, its stored outputs
 * summed per GSP group, period and supplier, its data-quality day totals and its quarantined rows (those of the run,
 * and those of its files quarantined at ingest for its settlement date).
 *
 * <p>Import and export of a supplier's volume follow the measurement quantity of each CCC in the reference data the
 * run could read (the latest load version up to the run's pinned {@code reference_load_max} with the CCC effective on
 * the date); a CCC not found there counts in the net total only.
 */
@Component
public final class JdbcRunReportReader {

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;

    public JdbcRunReportReader(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.readOnly = new TransactionTemplate(Objects.requireNonNull(transactions, "transactions"));
        readOnly.setReadOnly(true);
        readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * The report data of run {@code runId}, with at most {@code examplesPerReason} quarantined rows per reason; empty
     * if there is no such run.
     */
    public Optional<RunReportData> read(long runId, int examplesPerReason) {
        if (examplesPerReason < 0) {
            throw new IllegalArgumentException("examplesPerReason " + examplesPerReason + " is negative");
        }
        return Objects.requireNonNull(readOnly.execute(status -> readInOneSnapshot(runId, examplesPerReason)));
    }

    private Optional<RunReportData> readInOneSnapshot(long runId, int examplesPerReason) {
        Optional<RunReportData.Header> found = header(runId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RunReportData.Header header = found.get();
        return Optional.of(new RunReportData(
                header,
                superseded(runId),
                files(runId),
                groups(runId),
                corrections(runId),
                periodSums(runId),
                supplierTotals(header),
                dataQuality(runId),
                quarantineCounts(runId),
                quarantineExamples(runId, examplesPerReason)));
    }

    private Optional<RunReportData.Header> header(long runId) {
        return jdbc.sql("""
                        SELECT r.run_id, r.settlement_date, r.run_type, t.name, r.run_number, r.data_cutoff, r.status,
                               r.started_by, r.reason, r.created_at, r.completed_at, r.failure_message,
                               r.engine_version, r.config::text AS config, r.input_fingerprint, r.output_fingerprint,
                               r.reference_load_max, r.meter_data_file_max, r.attempts
                          FROM settlement_run r
                          JOIN run_type t ON t.run_type = r.run_type
                         WHERE r.run_id = :id
                        """)
                .param("id", runId)
                .query((rs, n) -> new RunReportData.Header(
                        rs.getLong("run_id"),
                        rs.getObject("settlement_date", LocalDate.class),
                        rs.getString("run_type"),
                        rs.getString("name"),
                        rs.getInt("run_number"),
                        instant(rs, "data_cutoff"),
                        rs.getString("status"),
                        rs.getString("started_by"),
                        rs.getString("reason"),
                        instant(rs, "created_at"),
                        nullableInstant(rs, "completed_at"),
                        rs.getString("failure_message"),
                        rs.getString("engine_version"),
                        rs.getString("config"),
                        rs.getString("input_fingerprint"),
                        rs.getString("output_fingerprint"),
                        rs.getLong("reference_load_max"),
                        rs.getLong("meter_data_file_max"),
                        rs.getInt("attempts")))
                .optional();
    }

    /** The completed run of the same date ranking next below this one (run type rank, then run number). */
    private @Nullable Long superseded(long runId) {
        return jdbc.sql("""
                        SELECT p.run_id
                          FROM settlement_run r
                          JOIN run_type rt ON rt.run_type = r.run_type
                          JOIN settlement_run p ON p.settlement_date = r.settlement_date AND p.run_id <> r.run_id
                          JOIN run_type pt ON pt.run_type = p.run_type
                         WHERE r.run_id = :id
                           AND p.status = 'COMPLETE'
                           AND (pt.run_rank, p.run_number) < (rt.run_rank, r.run_number)
                         ORDER BY pt.run_rank DESC, p.run_number DESC, p.completed_at DESC, p.run_id DESC
                         LIMIT 1
                        """).param("id", runId).query(Long.class).optional().orElse(null);
    }

    private List<RunReportData.InputFile> files(long runId) {
        return jdbc.sql("""
                        SELECT CAST(e.f->>'file_id' AS BIGINT) AS file_id, e.f->>'path' AS path,
                               e.f->>'sha256' AS sha256, e.f->>'received_at' AS received_at,
                               m.rows_read, m.rows_accepted, m.rows_rejected,
                               (SELECT count(*) FROM quarantine q
                                 WHERE q.run_id IS NULL AND q.file_id = CAST(e.f->>'file_id' AS BIGINT)) AS at_ingest,
                               (SELECT count(*) FROM quarantine q
                                 WHERE q.run_id = r.run_id AND q.file_id = CAST(e.f->>'file_id' AS BIGINT)) AS by_run
                          FROM settlement_run r
                         CROSS JOIN LATERAL jsonb_array_elements(
                                   COALESCE(r.input_manifest->'meter_data_files', '[]'::jsonb))
                                   WITH ORDINALITY AS e(f, n)
                          LEFT JOIN meter_data_file m ON m.file_id = CAST(e.f->>'file_id' AS BIGINT)
                         WHERE r.run_id = :id
                         ORDER BY e.n
                        """)
                .param("id", runId)
                .query((rs, n) -> new RunReportData.InputFile(
                        rs.getLong("file_id"),
                        text(rs, "path"),
                        text(rs, "sha256"),
                        text(rs, "received_at"),
                        nullableLong(rs, "rows_read"),
                        nullableLong(rs, "rows_accepted"),
                        nullableLong(rs, "rows_rejected"),
                        rs.getLong("at_ingest"),
                        rs.getLong("by_run")))
                .list();
    }

    private List<RunReportData.GroupPartition> groups(long runId) {
        return jdbc.sql("""
                        SELECT p.gsp_group, p.status,
                               CAST(p.input_manifest->'reference_load_versions' AS TEXT) AS versions,
                               CAST(p.input_manifest->'take' AS TEXT) AS take,
                               p.meter_rows_read, p.meter_rows_accepted, p.meter_rows_quarantined,
                               (SELECT count(*) FROM quarantine q
                                 WHERE q.run_id = p.run_id AND q.gsp_group = p.gsp_group) AS quarantine_rows
                          FROM run_partition p
                         WHERE p.run_id = :id
                         ORDER BY p.gsp_group
                        """)
                .param("id", runId)
                .query((rs, n) -> new RunReportData.GroupPartition(
                        rs.getString("gsp_group"),
                        rs.getString("status"),
                        rs.getString("versions"),
                        rs.getString("take"),
                        nullableLong(rs, "meter_rows_read"),
                        nullableLong(rs, "meter_rows_accepted"),
                        nullableLong(rs, "meter_rows_quarantined"),
                        rs.getLong("quarantine_rows")))
                .list();
    }

    private List<RunReportData.Correction> corrections(long runId) {
        return jdbc.sql("""
                        SELECT gsp_group, settlement_period, gcf_type, gcf, gsp_group_take_mwh, take_estimated,
                               uncorrected_total_mwh, correctable_mwh, unallocated_mwh, published_residual_mwh,
                               array_to_string(flags, ';') AS flags
                          FROM gsp_group_correction
                         WHERE run_id = :id
                         ORDER BY gsp_group, settlement_period, gcf_type
                        """)
                .param("id", runId)
                .query((rs, n) -> {
                    String flags = text(rs, "flags");
                    return new RunReportData.Correction(
                            rs.getString("gsp_group"),
                            rs.getInt("settlement_period"),
                            rs.getString("gcf_type"),
                            decimal(rs, "gcf"),
                            decimal(rs, "gsp_group_take_mwh"),
                            rs.getBoolean("take_estimated"),
                            decimal(rs, "uncorrected_total_mwh"),
                            decimal(rs, "correctable_mwh"),
                            decimal(rs, "unallocated_mwh"),
                            decimal(rs, "published_residual_mwh"),
                            flags.isEmpty() ? List.of() : Arrays.asList(flags.split(";")));
                })
                .list();
    }

    private List<RunReportData.PeriodSums> periodSums(long runId) {
        return jdbc.sql("""
                        WITH s AS (
                            SELECT gsp_group, settlement_period, sum(uncorrected_mwh) AS u,
                                   sum(corrected_exact_mwh) AS ce, sum(corrected_mwh) AS c, count(*) AS n,
                                   sum(abs(weight * uncorrected_mwh)) AS w
                              FROM supplier_volume
                             WHERE run_id = :id
                             GROUP BY gsp_group, settlement_period),
                        b AS (
                            SELECT gsp_group, settlement_period, sum(bmuadv_mwh) AS v, count(*) AS n
                              FROM bm_unit_volume
                             WHERE run_id = :id
                             GROUP BY gsp_group, settlement_period)
                        SELECT COALESCE(s.gsp_group, b.gsp_group) AS gsp_group,
                               COALESCE(s.settlement_period, b.settlement_period) AS settlement_period,
                               COALESCE(s.u, 0) AS u, COALESCE(s.ce, 0) AS ce, COALESCE(s.c, 0) AS c,
                               COALESCE(s.n, 0) AS sn, COALESCE(s.w, 0) AS w, COALESCE(b.v, 0) AS v,
                               COALESCE(b.n, 0) AS bn
                          FROM s
                          FULL JOIN b ON b.gsp_group = s.gsp_group AND b.settlement_period = s.settlement_period
                         ORDER BY 1, 2
                        """)
                .param("id", runId)
                .query((rs, n) -> new RunReportData.PeriodSums(
                        rs.getString("gsp_group"),
                        rs.getInt("settlement_period"),
                        decimal(rs, "u"),
                        decimal(rs, "ce"),
                        decimal(rs, "c"),
                        rs.getLong("sn"),
                        decimal(rs, "w"),
                        decimal(rs, "v"),
                        rs.getLong("bn")))
                .list();
    }

    private List<RunReportData.SupplierTotal> supplierTotals(RunReportData.Header header) {
        return jdbc.sql("""
                        WITH c AS (
                            SELECT DISTINCT ON (ccc_id) ccc_id, mq
                              FROM ccc
                             WHERE load_version <= :max
                               AND effective_from <= :date AND (effective_to IS NULL OR effective_to >= :date)
                             ORDER BY ccc_id, load_version DESC)
                        SELECT s.gsp_group, s.supplier_id,
                               COALESCE(sum(s.corrected_mwh) FILTER (WHERE c.mq = 'AI'), 0) AS import_mwh,
                               COALESCE(sum(s.corrected_mwh) FILTER (WHERE c.mq = 'AE'), 0) AS export_mwh,
                               sum(s.corrected_mwh) AS net_mwh, sum(s.uncorrected_mwh) AS uncorrected_mwh
                          FROM supplier_volume s
                          LEFT JOIN c ON c.ccc_id = s.ccc_id
                         WHERE s.run_id = :id
                         GROUP BY s.gsp_group, s.supplier_id
                         ORDER BY s.gsp_group, s.supplier_id
                        """)
                .param("id", header.runId())
                .param("max", header.referenceLoadMax())
                .param("date", header.settlementDate())
                .query((rs, n) -> new RunReportData.SupplierTotal(
                        rs.getString("gsp_group"),
                        rs.getString("supplier_id"),
                        decimal(rs, "import_mwh"),
                        decimal(rs, "export_mwh"),
                        decimal(rs, "net_mwh"),
                        decimal(rs, "uncorrected_mwh")))
                .list();
    }

    private List<RunReportData.DataQuality> dataQuality(long runId) {
        return jdbc.sql("""
                        SELECT gsp_group, measure, count, mwh
                          FROM data_quality
                         WHERE run_id = :id AND settlement_period = 0
                         ORDER BY measure, gsp_group
                        """)
                .param("id", runId)
                .query((rs, n) -> new RunReportData.DataQuality(
                        rs.getString("gsp_group"), rs.getString("measure"), rs.getLong("count"), decimal(rs, "mwh")))
                .list();
    }

    /**
     * The run's quarantine rows and those of its meter-data files quarantined at ingest for its settlement date (or
     * with no date), each with where it was found.
     */
    private static final String QUARANTINED = """
            WITH r AS (SELECT run_id, settlement_date, input_manifest FROM settlement_run WHERE run_id = :id),
            files AS (
                SELECT CAST(f->>'file_id' AS BIGINT) AS file_id
                  FROM r CROSS JOIN LATERAL jsonb_array_elements(
                           COALESCE(r.input_manifest->'meter_data_files', '[]'::jsonb)) AS f),
            q AS (
                SELECT q.*,
                       CASE WHEN q.run_id IS NULL THEN 'ingest'
                            WHEN q.gsp_group IS NULL THEN 'no group'
                            ELSE q.gsp_group END AS found_by
                  FROM quarantine q, r
                 WHERE q.run_id = r.run_id
                    OR (q.run_id IS NULL AND q.file_id IN (SELECT file_id FROM files)
                        AND (q.settlement_date IS NULL OR q.settlement_date = r.settlement_date)))
            """;

    private List<RunReportData.QuarantineCount> quarantineCounts(long runId) {
        return jdbc.sql(QUARANTINED
                        + "SELECT reason, found_by, count(*) AS n FROM q GROUP BY reason, found_by ORDER BY 1, 2")
                .param("id", runId)
                .query((rs, n) -> new RunReportData.QuarantineCount(
                        rs.getString("reason"), rs.getString("found_by"), rs.getLong("n")))
                .list();
    }

    private List<RunReportData.QuarantineExample> quarantineExamples(long runId, int perReason) {
        return jdbc.sql(QUARANTINED + """
                        SELECT reason, found_by, file_path, row_number, mpan, settlement_period, field, value, detail
                          FROM (SELECT q.*, row_number() OVER (PARTITION BY reason
                                                               ORDER BY file_path, row_number, quarantine_id) AS k
                                  FROM q) x
                         WHERE k <= :n
                         ORDER BY reason, k
                        """)
                .param("id", runId)
                .param("n", perReason)
                .query((rs, n) -> new RunReportData.QuarantineExample(
                        rs.getString("reason"),
                        rs.getString("found_by"),
                        rs.getString("file_path"),
                        nullableLong(rs, "row_number"),
                        nullableLong(rs, "mpan"),
                        nullableInt(rs, "settlement_period"),
                        rs.getString("field"),
                        rs.getString("value"),
                        rs.getString("detail")))
                .list();
    }

    private static String text(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? "" : value;
    }

    private static BigDecimal decimal(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? BigDecimal.ZERO : value;
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Objects.requireNonNull(nullableInstant(rs, column), column);
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
