package org.gbsettle.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.reference.Basis;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.reference.BmUnitId;
import org.gbsettle.engine.reference.Component;
import org.gbsettle.engine.reference.ConsumptionComponentClass;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.sample.SampleDay;

/**
 * Approach (a) of the benchmark: the core aggregation in DuckDB (in memory, JDBC, {@code threads} threads) on a day's
 * meter-data Parquet files, as a user would write it with integer surrogate keys.
 *
 * <p>Loading ({@link #load}): three small tables built from the day's reference data, each keyed by integers: {@code
 * ms} (one row per half-hourly metering system registered on the date in a GSP group of the run: MPAN, measurement
 * quantity code, the supplier-and-BM-unit key with the BM unit resolved as the engine does, LLFC key, SVA sign, and
 * the consumption CCC of an actual and of an estimated value, chosen from the CCC table by measurement quantity,
 * metered or unmetered and measurement class, and the largest value accepted per period, of the default calculation
 * configuration), {@code llf} (LLFC key, period, LLF in millionths) and {@code dim}
 * (supplier and BM unit per key).
 *
 * <p>Aggregation ({@link #aggregate}): one query: the rows of the date, periods 1..N, received by the cut-off (a null
 * received_at is the delivery time), with a valid quality, quantity and non-negative kWh; joined to {@code ms} on
 * (MPAN, quantity), values above the cap dropped; one value per (MPAN, quantity, period) selected as the engine does
 * (actual before estimated, then the latest received, then the larger row id: the later file in the engine's file
 * order, which is the order of the files in {@code read_parquet}, then the later row in the file); joined to {@code
 * llf}; summed as exact integers (Wh x LLF millionths, 10^-12 MWh) per key, CCC and period. Missing values are not
 * defaulted and NHH metering systems are not shaped: half-hourly submitted values only.
 *
 * <p>The selection is one window over the joined rows ({@code QUALIFY row_number() OVER (PARTITION BY mpan, mq, p
 * ORDER BY actual DESC, ts DESC, file_index DESC, file_row_number DESC) = 1}). Measured at 1M metering systems (45M
 * rows, 2 threads, DuckDB 2.0.0.1, warm, median of 3, the same quiet machine): 6.3 s; finding the (MPAN, quantity)
 * pairs with a repeated period first (a bit mask per pair) and windowing only those, the other rows anti-joined
 * straight to the sums, took 16-22 s (the files read three times); {@code arg_max} on a packed HUGEINT key grouped by
 * (MPAN, quantity, period) was no faster than the window, a STRUCT key 3x slower on the sample day.
 *
 * <p>At GB scale the one query's window spills more than 70 GB to disk (33.8M metering systems, 12 GB memory limit);
 * {@link #aggregate(boolean) by GSP group} the same query runs once per group, joined to the group's rows of {@code
 * ms} and with the rows outside its MPAN range left out in the scan, and needs the largest group's memory only: 10.6 s
 * against 9.3 s at 1M, 44 s against 55 s at 5M (where the one query held 21.7 GiB), 310 s at 33.8M.
 */
public final class DuckDbAggregation implements AutoCloseable {

    private final SampleDay source;
    private final Connection connection;
    private final Map<Integer, String> dimension = new HashMap<>();
    private final Set<Integer> actualCccs;
    /** Per GSP group of the run (in order): the smallest and largest MPAN of its rows in {@code ms}. */
    private final List<long[]> mpanRanges = new ArrayList<>();

    private DuckDbAggregation(SampleDay source, Connection connection, Set<Integer> actualCccs) {
        this.source = source; // not the BenchDay: its registrations may go once the tables are loaded
        this.connection = connection;
        this.actualCccs = actualCccs;
    }

    /** One run of the query: the result rows and how many meter rows the files hold. */
    public record Outcome(List<Row> rows, long rowsRead) {}

    /** A result row: the supplier-and-BM-unit key, CCC, period and exact sum in 10^-12 MWh. */
    public record Row(int key, int ccc, int period, BigDecimal sum) {}

    /** Opens an in-memory database on {@code threads} threads and loads the reference tables. */
    public static DuckDbAggregation load(BenchDay day, int threads) {
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = c.createStatement()) {
                s.execute("SET threads = " + threads);
                s.execute("SET preserve_insertion_order = false");
                String limit = System.getProperty("bench.duckdb.memory-limit");
                if (limit != null && !limit.isBlank()) {
                    // beyond it DuckDB spills its joins, windows and aggregates to the temporary directory
                    s.execute("SET memory_limit = '" + limit.replace("'", "") + "'");
                    Path spill = Files.createTempDirectory("gbsettle-duckdb-");
                    spill.toFile().deleteOnExit();
                    s.execute("SET temp_directory = '" + spill.toString().replace("'", "''") + "'");
                }
                s.execute("CREATE TABLE ms (mpan BIGINT, mq UTINYINT, k INTEGER, llfc INTEGER, sign BIGINT,"
                        + " ccc_a INTEGER, ccc_e INTEGER, cap BIGINT, g SMALLINT)");
                s.execute("CREATE TABLE llf (llfc INTEGER, p INTEGER, m BIGINT)");
            }
            Set<Integer> actual = day.reference().consumptionComponentClassesOn(day.date()).stream()
                    .filter(x -> x.halfHourly() && x.basis() == Basis.A)
                    .map(ConsumptionComponentClass::id)
                    .collect(Collectors.toSet());
            DuckDbAggregation a = new DuckDbAggregation(day.day(), c, actual);
            a.fill(day);
            return a;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void fill(BenchDay day) throws SQLException {
        List<ConsumptionComponentClass> cccs = day.reference().consumptionComponentClassesOn(day.date());
        CalculationConfig config = CalculationConfig.defaults();
        Map<LineLossFactorClass, Integer> llfcs = new HashMap<>();
        Map<String, Integer> keys = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender ms = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "ms")) {
            for (GspGroup group : day.groups().keySet()) {
                List<BmUnit> units = day.reference().supplierBmUnitsOn(group, day.date());
                long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
                mpanRanges.add(range);
                for (Registration r : day.groups().get(group).systems().effectiveOn(day.date())) {
                    if (!r.halfHourly() || !seen.add(r.mpan())) {
                        continue;
                    }
                    range[0] = Math.min(range[0], r.mpan());
                    range[1] = Math.max(range[1], r.mpan());
                    BmUnitId unit = BenchDay.bmUnitOf(r, units);
                    String name = r.supplier() + "," + (unit == null ? "NONE" : unit.toString());
                    Integer k = keys.get(name);
                    if (k == null) {
                        k = keys.size() + 1;
                        keys.put(name, k);
                        dimension.put(k, name);
                    }
                    Integer l = llfcs.computeIfAbsent(r.llfc(), x -> llfcs.size() + 1);
                    ms.beginRow();
                    ms.append(r.mpan());
                    ms.append((byte) (r.direction() == MeasurementQuantity.AE ? 1 : 0));
                    ms.append(k.intValue());
                    ms.append(l.intValue());
                    ms.append(r.direction() == MeasurementQuantity.AE ? -1L : 1L);
                    ms.append(ccc(cccs, r, Basis.A));
                    ms.append(ccc(cccs, r, Basis.E));
                    ms.append(config.capWh(r.measurementClass()));
                    ms.append((short) (mpanRanges.size() - 1));
                    ms.endRow();
                }
            }
        }
        int periods = SettlementDate.of(day.date()).periodCount();
        try (DuckDBAppender llf = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "llf")) {
            for (Map.Entry<LineLossFactorClass, Integer> e : llfcs.entrySet()) {
                long[] m = day.reference().lineLossFactors().forDate(e.getKey(), day.date());
                if (m == null) {
                    continue; // the engine fails such a run (MISSING_LLF); here its values find no LLF
                }
                for (int p = 1; p <= Math.min(periods, m.length); p++) {
                    llf.beginRow();
                    llf.append(e.getValue().intValue());
                    llf.append(p);
                    llf.append(m[p - 1]);
                    llf.endRow();
                }
            }
        }
    }

    private static int ccc(List<ConsumptionComponentClass> cccs, Registration r, Basis basis) {
        for (ConsumptionComponentClass c : cccs) {
            if (c.matches(
                    r.direction(), true, r.measurementClass().metered(), Component.C, basis, r.measurementClass())) {
                return c.id();
            }
        }
        return 0;
    }

    /** The aggregation query for the day's files, all GSP groups at once. */
    public String query() {
        return query(-1);
    }

    /**
     * The aggregation query for the day's files: all GSP groups at once ({@code group} -1), or the metering systems of
     * the run's {@code group}-th GSP group only, with the rows outside the group's MPAN range left out in the scan (so
     * DuckDB skips the row groups whose statistics lie outside it).
     */
    public String query(int group) {
        String range = "";
        String ms = "ms";
        if (group >= 0) {
            long[] r = mpanRanges.get(group);
            range = " AND mpan BETWEEN " + r[0] + " AND " + r[1];
            ms = "(SELECT * FROM ms WHERE g = " + group + ") ms";
        }
        List<String> files = new ArrayList<>();
        for (Path f : source.meterDataFiles()) {
            files.add("'" + f.toAbsolutePath().toString().replace("'", "''") + "'");
        }
        int periods = SettlementDate.of(source.settlementDate()).periodCount();
        LocalDateTime cutoff = LocalDateTime.ofInstant(source.dataCutoff(), ZoneOffset.UTC);
        LocalDateTime delivered = LocalDateTime.ofInstant(source.receivedAt(), ZoneOffset.UTC);
        return """
                WITH r AS (
                  SELECT mpan, settlement_period AS p, (measurement_quantity = 'AE')::UTINYINT AS mq,
                         CAST(kwh * 1000 AS BIGINT) AS wh, quality = 'A' AS actual,
                         coalesce(received_at, TIMESTAMP '%1$s') AS ts, file_index AS fi, file_row_number AS rn
                    FROM read_parquet([%2$s], file_row_number = true)
                   WHERE settlement_date = DATE '%3$s' AND settlement_period BETWEEN 1 AND %4$d
                     AND measurement_quantity IN ('AI', 'AE') AND quality IN ('A', 'E') AND kwh >= 0
                     AND coalesce(received_at, TIMESTAMP '%1$s') <= TIMESTAMP '%5$s'%6$s
                ), sel AS (
                  SELECT ms.k, ms.llfc, ms.sign, r.p, r.wh, CASE WHEN r.actual THEN ms.ccc_a ELSE ms.ccc_e END AS ccc
                    FROM r JOIN %7$s ON r.mpan = ms.mpan AND r.mq = ms.mq AND r.wh <= ms.cap
                  QUALIFY row_number() OVER (PARTITION BY r.mpan, r.mq, r.p ORDER BY r.actual DESC, r.ts DESC, r.fi DESC, r.rn DESC) = 1
                )
                SELECT sel.k, sel.ccc, sel.p, sum(sel.sign * sel.wh * llf.m) AS e12
                  FROM sel JOIN llf ON llf.llfc = sel.llfc AND llf.p = sel.p
                 GROUP BY sel.k, sel.ccc, sel.p
                """.formatted(delivered, String.join(", ", files), source.settlementDate(), periods, cutoff, range, ms);
    }

    /**
     * Runs the aggregation: one query for the whole day, or with {@code byGroup} one query per GSP group (their rows
     * together; a key in two groups' results is summed by {@link #aggregates}). By group, DuckDB's memory is bounded by
     * the largest group rather than the day: at GB scale the whole-day window spills more than 70 GB to disk.
     */
    public List<Row> aggregate(boolean byGroup) {
        List<Row> rows = new ArrayList<>();
        if (!byGroup) {
            run(query(), rows);
        } else {
            for (int g = 0; g < mpanRanges.size(); g++) {
                if (mpanRanges.get(g)[0] <= mpanRanges.get(g)[1]) {
                    run(query(g), rows);
                }
            }
        }
        return rows;
    }

    private void run(String sql, List<Row> into) {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                into.add(new Row(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getBigDecimal(4)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
        }
    }

    /** The number of rows in the day's meter-data files. */
    public long rowsInFiles() {
        String files = source.meterDataFiles().stream()
                .map(f -> "'" + f.toAbsolutePath().toString().replace("'", "''") + "'")
                .collect(Collectors.joining(", "));
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet([" + files + "])")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
        }
    }

    /** The aggregates of {@link Aggregates} from a query's rows: the actual CCCs, MWh, per supplier, BM unit, period. */
    public Aggregates aggregates(List<Row> rows) {
        Map<String, BigDecimal> sums = new HashMap<>();
        for (Row r : rows) {
            if (actualCccs.contains(r.ccc())) {
                String[] name = dimension.get(r.key()).split(",", 2);
                sums.merge(Aggregates.key(name[0], name[1], r.period()), r.sum().movePointLeft(12), BigDecimal::add);
            }
        }
        return new Aggregates(sums);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
