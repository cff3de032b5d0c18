package org.gbsettle.jobs.io.postgres;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gbsettle.jobs.ingest.ReceivedMeterDataFile;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Registered meter-data files in PostgreSQL ({@code meter_data_file}) and their quarantined rows ({@code quarantine},
 * {@code run_id} null): written by the ingest, read by the settlement runs.
 */
@Component
public final class JdbcMeterDataFileRepository {

    /** Rows per JDBC batch of quarantine inserts. */
    static final int BATCH_SIZE = 1_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public JdbcMeterDataFileRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.template = Objects.requireNonNull(template, "template");
    }

    /** A registration found by its SHA-256: its id, path, receipt time and, if it was rejected, why. */
    public record Registered(
            long fileId,
            String path,
            Instant receivedAt,
            @Nullable String rejection) {}

    /** A file to register: accepted ({@code layout} set, {@code message} null) or rejected (the reverse). */
    public record NewFile(
            Path path,
            String sha256,
            long sizeBytes,
            @Nullable String layout,
            List<LocalDate> settlementDates,
            long rowsRead,
            long rowsAccepted,
            long rowsRejected,
            Instant receivedAt,
            String registeredBy,
            @Nullable String message) {}

    /** A quarantined row of a file at ingest. */
    public record QuarantineRow(
            long rowNumber,
            @Nullable Long mpan,
            @Nullable LocalDate settlementDate,
            @Nullable Integer settlementPeriod,
            String field,
            @Nullable String value,
            String reason,
            String detail) {}

    /** The registration of a file with these bytes, if any. */
    public Optional<Registered> findBySha256(String sha256) {
        return jdbc.sql("SELECT file_id, file_path, received_at, message FROM meter_data_file WHERE sha256 = :sha256")
                .param("sha256", sha256)
                .query((rs, n) -> new Registered(
                        rs.getLong("file_id"),
                        rs.getString("file_path"),
                        rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                        rs.getString("message")))
                .optional();
    }

    /** Registers a file and returns its id. */
    public long insert(NewFile f) {
        List<LocalDate> dates = f.settlementDates();
        String dateArray =
                "{" + String.join(",", dates.stream().map(LocalDate::toString).toList()) + "}";
        return jdbc.sql("""
                        INSERT INTO meter_data_file (file_path, sha256, size_bytes, layout, rows_read, rows_accepted,
                               rows_rejected, first_settlement_date, last_settlement_date, settlement_dates,
                               received_at, registered_by, status, message)
                        VALUES (:path, :sha256, :size, :layout, :read, :accepted, :rejected, :first, :last,
                               CAST(:dates AS DATE[]), :receivedAt, :by, :status, :message)
                        RETURNING file_id
                        """)
                .param("path", f.path().toString())
                .param("sha256", f.sha256())
                .param("size", f.sizeBytes())
                .param("layout", f.layout(), Types.VARCHAR)
                .param("read", f.rowsRead())
                .param("accepted", f.rowsAccepted())
                .param("rejected", f.rowsRejected())
                .param("first", dates.isEmpty() ? null : dates.get(0), Types.DATE)
                .param("last", dates.isEmpty() ? null : dates.get(dates.size() - 1), Types.DATE)
                .param("dates", dateArray)
                .param("receivedAt", OffsetDateTime.ofInstant(f.receivedAt(), ZoneOffset.UTC))
                .param("by", f.registeredBy())
                .param("status", f.message() == null ? "ACCEPTED" : "REJECTED")
                .param("message", f.message(), Types.VARCHAR)
                .query(Long.class)
                .single();
    }

    /** Inserts the quarantined rows of a registered file, in JDBC batches. */
    public void insertQuarantine(long fileId, Path path, List<QuarantineRow> rows) {
        String sql = """
                INSERT INTO quarantine (file_id, file_path, row_number, mpan, settlement_date, settlement_period,
                       field, value, reason, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """;
        String file = path.toString();
        template.batchUpdate(sql, rows, BATCH_SIZE, (PreparedStatement ps, QuarantineRow r) -> {
            ps.setLong(1, fileId);
            ps.setString(2, file);
            ps.setLong(3, r.rowNumber());
            setNullable(ps, 4, r.mpan(), Types.BIGINT);
            LocalDate date = r.settlementDate();
            setNullable(ps, 5, date == null ? null : Date.valueOf(date), Types.DATE);
            setNullable(ps, 6, r.settlementPeriod(), Types.INTEGER);
            ps.setString(7, r.field());
            setNullable(ps, 8, r.value(), Types.VARCHAR);
            ps.setString(9, r.reason());
            ps.setString(10, r.detail());
        });
    }

    private static void setNullable(PreparedStatement ps, int index, @Nullable Object value, int type)
            throws SQLException {
        if (value == null) {
            ps.setNull(index, type);
        } else {
            ps.setObject(index, value, type);
        }
    }

    /**
     * The accepted (not rejected) registered files holding accepted rows of {@code settlementDate} that were received
     * at or before {@code cutOff}, newest receipt first (ties: the later registration first).
     */
    public List<ReceivedMeterDataFile> receivedFor(LocalDate settlementDate, Instant cutOff) {
        return receivedFor(settlementDate, cutOff, Long.MAX_VALUE);
    }

    /**
     * As {@link #receivedFor(LocalDate, Instant)}, among the files registered up to a file id only: the files a run
     * that pinned {@code maxFileId} reads, whatever was ingested since.
     */
    public List<ReceivedMeterDataFile> receivedFor(LocalDate settlementDate, Instant cutOff, long maxFileId) {
        return jdbc.sql("""
                        SELECT file_id, file_path, sha256, received_at
                          FROM meter_data_file
                         WHERE status = 'ACCEPTED'
                           AND settlement_dates @> ARRAY[CAST(:date AS DATE)]
                           AND received_at <= :cutOff
                           AND file_id <= :maxFileId
                         ORDER BY received_at DESC, file_id DESC
                        """)
                .param("date", settlementDate)
                .param("cutOff", OffsetDateTime.ofInstant(cutOff, ZoneOffset.UTC))
                .param("maxFileId", maxFileId)
                .query((rs, n) -> new ReceivedMeterDataFile(
                        rs.getLong("file_id"),
                        Path.of(rs.getString("file_path")),
                        rs.getString("sha256"),
                        rs.getObject("received_at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
