package org.gbsettle.jobs.io.postgres;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.metering.Mpan;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.LineLossFactors;
import org.gbsettle.engine.reference.ReferenceDataConflictException;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.batch.TestPause;
import org.gbsettle.jobs.reference.ReferenceFile;
import org.gbsettle.jobs.reference.ReferenceFileKind;
import org.gbsettle.jobs.reference.ReferenceLoadContent;
import org.gbsettle.jobs.reference.ReferenceLoadSummary;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;
import org.gbsettle.refdata.take.TakeFile;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a reference load into the reference tables under a new load version, in one transaction: the {@code
 * reference_load} row, every row of every file, and each file with its SHA-256 in {@code reference_load_file}. The
 * files held whole are written in JDBC batches; registrations and profile coefficients, which may have millions of
 * rows, are checked a chunk at a time and copied ({@code COPY ... FROM STDIN}) while they are read, so that memory
 * holds one chunk, not the file. The registrations' effective ranges are then checked for overlaps in SQL over the
 * rows just copied. Any format problem, overlap or failure rolls the transaction back: nothing is left behind.
 */
@Component
public final class JdbcReferenceLoadRepository {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcReferenceLoadRepository.class);

    /** Rows per JDBC batch. */
    static final int BATCH_SIZE = 2_000;

    /** Rows of a streamed file per {@code COPY} statement. */
    static final int STATEMENT_ROWS = 1_000_000;

    /** Registration overlaps listed in a REFDATA_CONFLICT message; more are counted. */
    static final int CONFLICTS_LISTED = 1_000;

    /** PostgreSQL's SQLSTATE of a unique violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public JdbcReferenceLoadRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Writes a load: the files held whole as parsed, the streamed files read, checked and copied chunk by chunk. If
     * the files held whole have format problems, the streamed ones are only read for theirs and the database is not
     * touched.
     *
     * @param content the load's files, parsed by {@link ReferenceLoadContent#parse}
     * @param loadedBy who loads it (an operator or process name)
     * @param description what was loaded, e.g. the sources
     * @throws ReferenceFileException listing every format problem of every file (the first {@code
     *     ReferenceLoadContent.PROBLEMS_KEPT}, the others counted); nothing is written
     * @throws ReferenceDataConflictException listing the overlapping effective ranges; nothing is written
     * @throws GbSettleException if the database failed; nothing is written
     */
    public ReferenceLoadSummary write(ReferenceLoadContent content, String loadedBy, String description) {
        Problems problems = content.problems();
        if (!problems.isEmpty()) {
            for (ReferenceFile f : content.streamed()) {
                content.stream(f, problems, chunk -> {});
            }
            problems.throwIfAny();
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                ReferenceLoadSummary summary = write(c, content, loadedBy, description);
                TestPause.at(TestPause.Point.REFERENCE_WRITE, "load version " + summary.loadVersion());
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
                try (Statement st = c.createStatement()) {
                    c.setAutoCommit(true); // the load's transaction is committed: each ANALYZE on its own
                    st.execute("ANALYZE " + e.getKey());
                } catch (SQLException ex) {
                    LOG.warn("ANALYZE {} after load {} failed: {}", e.getKey(), summary.loadVersion(), ex.getMessage());
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
            if (f.kind().isCsv() && !content.streamed().contains(f)) {
                long n = writeCsv(c, version, f.kind(), content.csvRows(f.kind()));
                rowsByTable.put(f.kind().table(), n);
                rowsByFile.put(f.recordedName(), n);
            }
        }
        writeLlfs(c, version, content.llfDays(), rowsByTable, rowsByFile);
        writeTakes(c, version, content.takes(), rowsByTable, rowsByFile);

        Problems problems = content.problems();
        @Nullable SQLException refused = null;
        @Nullable ReferenceFile registrations = null;
        for (ReferenceFile f : content.streamed()) {
            if (f.kind() == ReferenceFileKind.REGISTRATIONS) {
                registrations = f;
            }
            Copied copied = copy(c, version, content, f, refused == null);
            if (refused == null) {
                refused = copied.refused();
            }
            rowsByTable.put(f.kind().table(), copied.rows());
            rowsByFile.put(f.recordedName(), copied.rows());
        }
        problems.throwIfAny();

        List<String> conflicts = new ArrayList<>(content.conflicts());
        if (refused != null) {
            if (registrations == null || !violates(refused, "registration_pkey")) {
                throw refused;
            }
            // two registrations of one MPAN from one date: the copy stopped there; find every overlap anew
            c.rollback();
            conflicts.addAll(replayConflicts(c, content, registrations));
        } else if (registrations != null) {
            conflicts.addAll(overlaps(c, "registration WHERE load_version = " + version, "effective_from"));
        }
        if (!conflicts.isEmpty()) {
            throw new ReferenceDataConflictException(conflicts);
        }

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

    /** Whether the server refused a row for breaking the unique constraint {@code constraint}. */
    private static boolean violates(SQLException e, String constraint) {
        ServerErrorMessage m = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        return UNIQUE_VIOLATION.equals(e.getSQLState()) && m != null && constraint.equals(m.getConstraint());
    }

    /**
     * What copying a streamed file came to.
     *
     * @param rows the rows read (all copied unless a problem or a refusal stopped the copy)
     * @param refused the server's refusal of a row (a unique violation, a constraint), null if none
     */
    private record Copied(long rows, @Nullable SQLException refused) {}

    /**
     * Reads a streamed file chunk by chunk, checking each, and copies its rows into its table while no problem has
     * been found in any file (and {@code copying}); after a problem the rest is only checked, and the copy is
     * cancelled, which aborts the transaction: the load fails then anyway.
     */
    private static Copied copy(
            Connection c, long version, ReferenceLoadContent content, ReferenceFile f, boolean copying) {
        Problems problems = content.problems();
        if (!copying || !problems.isEmpty()) {
            return new Copied(content.stream(f, problems, chunk -> {}), null);
        }
        long started = System.nanoTime();
        try (Copier copier = new Copier(c, version, f.kind(), problems)) {
            long read = content.stream(f, problems, copier);
            Copied copied = copier.finish(read);
            if (copied.refused() == null && problems.isEmpty()) {
                LOG.info(
                        "{}: {} rows checked and copied into {} in {} ms",
                        f.recordedName(),
                        copied.rows(),
                        f.kind().table(),
                        (System.nanoTime() - started) / 1_000_000);
            }
            return copied;
        }
    }

    /**
     * Copies the chunks of one streamed file into its table, a new {@code COPY} statement every {@value
     * #STATEMENT_ROWS} rows: the server queues a foreign-key check per row until the end of its statement (~12 bytes
     * each), so one statement for 33.8M rows would hold ~400 MB in the server. Stops at the first problem of any file
     * (closing it then cancels the copy, which aborts the transaction) or the server's first refusal.
     */
    private static final class Copier implements ReferenceLoadContent.ChunkSink, AutoCloseable {
        private final Connection connection;
        private final long version;
        private final String table;
        private final List<String> columns = new ArrayList<>();
        private final Problems problems;
        private PgCopy.@Nullable Stream copy;
        private long inStatement;
        private long copied;
        private @Nullable SQLException refused;
        private boolean stopped;

        Copier(Connection connection, long version, ReferenceFileKind kind, Problems problems) {
            this.connection = connection;
            this.version = version;
            this.table = kind.table();
            this.columns.add("load_version");
            this.columns.addAll(kind.columns());
            this.problems = problems;
        }

        @Override
        public void accept(ReferenceLoadContent.Chunk chunk) {
            if (stopped || !problems.isEmpty()) {
                stopped = true;
                return;
            }
            try {
                PgCopy.Stream s = copy;
                if (s == null) {
                    s = PgCopy.Stream.open(connection, table, columns);
                    copy = s;
                }
                for (List<@Nullable String> row : chunk.rows()) {
                    PgCopy.Row out = s.row().add(version);
                    for (String v : row) {
                        out.add(v);
                    }
                    s.endRow();
                }
                inStatement += chunk.rows().size();
                if (inStatement >= STATEMENT_ROWS) {
                    endStatement();
                }
            } catch (SQLException e) {
                refused = e;
                stopped = true;
            }
        }

        private void endStatement() throws SQLException {
            PgCopy.Stream s = copy;
            copy = null;
            inStatement = 0;
            if (s != null) {
                copied += s.finish();
            }
        }

        /** What the copy came to, once the file has been read ({@code read} rows). */
        Copied finish(long read) {
            if (refused != null || stopped || !problems.isEmpty()) {
                return new Copied(read, refused);
            }
            try {
                endStatement();
                return new Copied(copied, null);
            } catch (SQLException e) {
                return new Copied(read, e);
            }
        }

        /** Cancels a copy still going (after a problem): the transaction is then aborted, to be rolled back. */
        @Override
        public void close() {
            PgCopy.Stream s = copy;
            if (s != null) {
                s.close();
            }
        }
    }

    /**
     * The overlapping effective ranges of one MPAN's registrations in a table or query, as {@link
     * org.gbsettle.engine.input.MeteringSystems#of} words them: each registration against the one before it by MPAN
     * then effective-from date (then {@code order}, for two from one date), overlapping when the earlier is
     * open-ended or ends on or after the later's start. The first {@value #CONFLICTS_LISTED} are listed, then how
     * many more.
     *
     * @param from the rows: a table and its condition
     * @param order the last sort key, for rows of one MPAN and date
     */
    private static List<String> overlaps(Connection c, String from, String order) throws SQLException {
        String sql = "SELECT mpan_core, prev_from, prev_to, effective_from, effective_to, count(*) OVER () AS total"
                + " FROM (SELECT mpan_core, effective_from, effective_to, "
                + order + " AS ord,"
                + " lag(effective_from) OVER w AS prev_from, lag(effective_to) OVER w AS prev_to"
                + " FROM " + from
                + " WINDOW w AS (PARTITION BY mpan_core ORDER BY effective_from, " + order + ")) r"
                + " WHERE prev_from IS NOT NULL AND (prev_to IS NULL OR prev_to >= effective_from)"
                + " ORDER BY mpan_core, effective_from, ord LIMIT " + CONFLICTS_LISTED;
        List<String> out = new ArrayList<>();
        long total = 0;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                EffectiveRange a =
                        EffectiveRange.of(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class));
                EffectiveRange b =
                        EffectiveRange.of(rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class));
                out.add("registration of MPAN " + Mpan.format(rs.getLong(1)) + ": effective ranges " + a + " and " + b
                        + " overlap");
                total = rs.getLong(6);
            }
        }
        if (total > out.size()) {
            out.add("... and " + (total - out.size()) + " more overlapping registrations");
        }
        return out;
    }

    /**
     * The overlaps of a registration file whose copy the primary key refused (two registrations of one MPAN from one
     * date): the file read again, its MPANs and ranges copied with their row order into a temporary table without the
     * key, checked there, and rolled back.
     */
    private static List<String> replayConflicts(Connection c, ReferenceLoadContent content, ReferenceFile f)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE registration_overlap_check (mpan_core BIGINT NOT NULL,"
                    + " effective_from DATE NOT NULL, effective_to DATE, ord BIGINT NOT NULL) ON COMMIT DROP");
        }
        List<String> columns = f.kind().columns();
        int mpan = columns.indexOf("mpan_core");
        int from = columns.indexOf("effective_from");
        int to = columns.indexOf("effective_to");
        Problems ignored = Problems.keepingAtMost(1);
        try (PgCopy.Stream copy = PgCopy.Stream.open(
                c, "registration_overlap_check", List.of("mpan_core", "effective_from", "effective_to", "ord"))) {
            long[] ord = {0};
            SQLException[] failed = {null};
            content.stream(f, ignored, chunk -> {
                try {
                    for (List<@Nullable String> row : chunk.rows()) {
                        copy.row()
                                .add(row.get(mpan))
                                .add(row.get(from))
                                .add(row.get(to))
                                .add(++ord[0]);
                        copy.endRow();
                    }
                } catch (SQLException e) {
                    if (failed[0] == null) {
                        failed[0] = e;
                    }
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
            copy.finish();
        }
        List<String> out = overlaps(c, "registration_overlap_check", "ord");
        c.rollback();
        return out;
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
