package org.gbsettle.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's agreement check on the winter sample day: DuckDB's aggregation (a) and the engine's core (b) give
 * the same sums of kWh x LLF of actual half-hourly values per supplier, BM unit and period, and both equal the sums
 * of the independent oracle's expected outputs ({@code expected/<group>/supplier_volume.csv}) over the actual HH
 * CCCs; and a copy of the day with registrations and profile coefficients as Parquet gives the same results.
 */
class BenchAgreementTest {

    private static final Path WINTER = Path.of("../sample-data/2026-01-15_normal_winter_day")
            .toAbsolutePath()
            .normalize();

    /** The HH CCCs of basis actual in the day's ccc.csv (column actual_estimated = A), read off the file by hand. */
    private static final Set<Integer> ACTUAL_CCCS = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 23, 25, 26);

    private static BenchDay day;

    @BeforeAll
    static void load() {
        day = BenchDay.load(WINTER);
    }

    @Test
    void duckDbAndEngineAgreeWithTheOracle() throws IOException {
        Aggregates duck;
        try (DuckDbAggregation a = DuckDbAggregation.load(day, 2)) {
            duck = a.aggregates(a.aggregate(false));
            // one query per GSP group (the GB-scale form) gives the same aggregates as the one query
            assertThat(a.aggregates(a.aggregate(true)).differences(duck)).isEmpty();
        }
        EngineCore b = EngineCore.prepare(day);
        Aggregates engine = b.aggregates(b.run(2));
        Aggregates oracle = oracle();

        assertThat(oracle.mwh()).hasSizeGreaterThan(100);
        assertThat(duck.differences(engine)).isEmpty();
        assertThat(duck.differences(oracle)).isEmpty();
        assertThat(duck.exactlyEqual(engine)).isTrue();
        assertThat(duck.total()).isEqualByComparingTo(oracle.total());
    }

    @Test
    void registrationsAndCoefficientsAsParquetGiveTheSameResults(@TempDir Path tmp) throws Exception {
        Path pq = tmp.resolve("winter-parquet");
        Files.createDirectories(pq.resolve("reference"));
        Files.copy(WINTER.resolve("run.properties"), pq.resolve("run.properties"));
        Files.createSymbolicLink(pq.resolve("meter-data"), WINTER.resolve("meter-data"));
        try (Stream<Path> files = Files.list(WINTER.resolve("reference"))) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.equals("registrations.csv") && !name.equals("profile_coefficients.csv")) {
                    Files.copy(f, pq.resolve("reference").resolve(name));
                }
            }
        }
        toParquet(
                WINTER.resolve("reference/registrations.csv"),
                REGISTRATION_TYPES,
                pq.resolve("reference/registrations.parquet"));
        toParquet(
                WINTER.resolve("reference/profile_coefficients.csv"),
                COEFFICIENT_TYPES,
                pq.resolve("reference/profile_coefficients.parquet"));

        BenchDay parquet = BenchDay.load(pq);
        EngineCore csvCore = EngineCore.prepare(day);
        EngineCore pqCore = EngineCore.prepare(parquet);
        EngineCore.Outcome fromCsv = csvCore.run(1);
        EngineCore.Outcome fromParquet = pqCore.run(1);

        assertThat(parquet.systems().all())
                .containsExactlyInAnyOrderElementsOf(day.systems().all());
        for (var group : fromCsv.results().keySet()) {
            assertThat(fromParquet.results().get(group).tables().fingerprint())
                    .isEqualTo(fromCsv.results().get(group).tables().fingerprint());
        }
        try (DuckDbAggregation a = DuckDbAggregation.load(parquet, 1)) {
            assertThat(a.aggregates(a.aggregate(false)).differences(csvCore.aggregates(fromCsv)))
                    .isEmpty();
        }
    }

    /**
     * Duplicates where each rule of the selection decides, for one HH import metering system of the winter day (BRYN,
     * _A, class G, cap 100 kWh) in two files read in name order: a then b. T1 2026-01-16T01:00, T2 2026-01-17T00:00;
     * a null received_at is the delivery time, 2026-02-05T00:00 (a day before the cut-off, 2026-02-06T00:00).
     */
    private static final String TIES_A = """
            (1, 9.000, 'A', T1), (1, 3.000, 'A', T1), (2, 4.000, 'A', T1), (3, 16.000, 'A', T2),
            (4, 64.000, 'E', T2), (5, 25.600, 'A', T1), (6, 51.200, 'A', NULL), (7, 40.960, 'A', TIMESTAMP '2026-02-07'),
            (10, 10.000, 'A', T1)""";

    private static final String TIES_B = """
            (2, 8.000, 'A', T1), (3, 32.000, 'A', T1), (4, 12.000, 'A', T1), (5, 150.000, 'A', T2),
            (6, 10.240, 'A', T1), (7, 20.480, 'A', T1), (8, 1.500, 'A', T1), (8, 3.500, 'A', T1), (9, 7.000, 'A', T1),
            (9, 5.000, 'A', T1), (10, 6.000, 'A', T1)""";

    /**
     * The values chosen by hand: period 1 the later row of one file at the same time (3), 2 the later file at the
     * same time (8), 3 the later received over the later file (16), 4 actual over a later estimate (12), 5 the
     * value above the cap dropped before selection (25.6), 6 a null received_at as the delivery time, later than
     * T1 (51.2), 7 the row after the cut-off left out (20.48), 8 and 9 the later row of file b whether larger or
     * smaller (3.5, 5), 10 the later file with the smaller value (6).
     */
    private static final String WINNERS = """
            (1, 3.000, 'A', T1), (2, 8.000, 'A', T1), (3, 16.000, 'A', T2), (4, 12.000, 'A', T1),
            (5, 25.600, 'A', T1), (6, 51.200, 'A', NULL), (7, 20.480, 'A', T1), (8, 3.500, 'A', T1),
            (9, 5.000, 'A', T1), (10, 6.000, 'A', T1)""";

    @Test
    void duplicatesAreResolvedAsTheEngineDoesDownToTheRowOrder(@TempDir Path tmp) throws Exception {
        BenchDay ties = dayWith(tmp.resolve("ties"), Map.of("meter_reads_a", TIES_A, "meter_reads_b", TIES_B));
        BenchDay winners = dayWith(tmp.resolve("winners"), Map.of("meter_reads_1", WINNERS));

        Aggregates duck;
        Aggregates duckWinners;
        try (DuckDbAggregation a = DuckDbAggregation.load(ties, 2);
                DuckDbAggregation w = DuckDbAggregation.load(winners, 2)) {
            duck = a.aggregates(a.aggregate(false));
            duckWinners = w.aggregates(w.aggregate(false));
        }
        EngineCore b = EngineCore.prepare(ties);
        Aggregates engine = b.aggregates(b.run(2));

        assertThat(duckWinners.mwh()).hasSize(10);
        assertThat(duck.exactlyEqual(duckWinners)).isTrue();
        assertThat(duck.exactlyEqual(engine)).isTrue();
    }

    /** A copy of the winter day with the given meter-data files (name to rows of the one metering system). */
    private static BenchDay dayWith(Path folder, Map<String, String> files) throws Exception {
        Files.createDirectories(folder.resolve("meter-data"));
        Files.copy(WINTER.resolve("run.properties"), folder.resolve("run.properties"));
        Files.createSymbolicLink(folder.resolve("reference"), WINTER.resolve("reference"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement()) {
            st.execute("SET threads = 1");
            for (Map.Entry<String, String> f : files.entrySet()) {
                String rows = f.getValue()
                        .replace("T1", "TIMESTAMP '2026-01-16 01:00:00'")
                        .replace("T2", "TIMESTAMP '2026-01-17 00:00:00'");
                st.execute("COPY (SELECT 1001002623892::BIGINT AS mpan, DATE '2026-01-15' AS settlement_date,"
                        + " p::INTEGER AS settlement_period, 'AI' AS measurement_quantity, kwh::DECIMAL(12,3) AS kwh,"
                        + " q AS quality, t::TIMESTAMP AS received_at FROM (VALUES " + rows + ") v(p, kwh, q, t)) TO '"
                        + folder.resolve("meter-data/" + f.getKey() + ".parquet") + "' (FORMAT parquet)");
            }
        }
        return BenchDay.load(folder);
    }

    /** Column types of the CSV files as Parquet, as ReferenceLoadIT writes them. */
    private static final String REGISTRATION_TYPES = "'mpan_core': 'BIGINT', 'supplier_participant_id': 'VARCHAR',"
            + " 'bm_unit_id': 'VARCHAR', 'distributor_short_code': 'INTEGER', 'distributor_mpid': 'VARCHAR',"
            + " 'llfc': 'VARCHAR', 'gsp_group_id': 'VARCHAR', 'measurement_class': 'VARCHAR',"
            + " 'market_segment': 'VARCHAR', 'connection_type': 'VARCHAR', 'domestic': 'BOOLEAN',"
            + " 'energisation': 'VARCHAR', 'energy_direction': 'VARCHAR', 'settlement_regime': 'VARCHAR',"
            + " 'annual_consumption_kwh': 'DECIMAL(14,1)', 'profile_class': 'INTEGER', 'ssc': 'VARCHAR',"
            + " 'effective_from': 'DATE', 'effective_to': 'DATE'";

    private static final String COEFFICIENT_TYPES = "'gsp_group_id': 'VARCHAR', 'profile_class': 'SMALLINT',"
            + " 'ssc': 'VARCHAR', 'tpr': 'VARCHAR', 'settlement_date': 'DATE', 'settlement_period': 'SMALLINT',"
            + " 'coefficient': 'DOUBLE'";

    private static void toParquet(Path csv, String types, Path parquet) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement()) {
            st.execute("SET threads = 1");
            st.execute("COPY (SELECT * FROM read_csv('" + csv + "', header = true, auto_detect = false, columns = {"
                    + types + "})) TO '" + parquet + "' (FORMAT parquet)");
        }
    }

    @Test
    void aDifferenceIsReportedAtThePublishedRounding() {
        Aggregates a = new Aggregates(Map.of("S,B,1", new BigDecimal("1.00004"), "S,B,2", new BigDecimal("2")));
        // 1.00004 and 1.00005 round (HALF_UP, 4 dp) to 1.0000 and 1.0001: a difference; S,B,2 is 0 on the other side
        Aggregates b = new Aggregates(Map.of("S,B,1", new BigDecimal("1.00005")));
        Aggregates c = new Aggregates(Map.of("S,B,1", new BigDecimal("1.00001"), "S,B,2", new BigDecimal("2.00004")));

        assertThat(a.differences(b)).containsExactly("S,B,1: 1.0000 vs 1.0001", "S,B,2: 2.0000 vs 0.0000");
        assertThat(a.differences(c)).isEmpty();
        assertThat(a.exactlyEqual(c)).isFalse();
    }

    private static Aggregates oracle() throws IOException {
        Map<String, BigDecimal> sums = new HashMap<>();
        for (String group : List.of("_A", "_B")) {
            List<String> lines = Files.readAllLines(WINTER.resolve("expected/" + group + "/supplier_volume.csv"));
            // supplier_id,bm_unit_id,ccc_id,settlement_period,uncorrected_mwh,...
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                if (ACTUAL_CCCS.contains(Integer.parseInt(f[2]))) {
                    sums.merge(
                            Aggregates.key(f[0], f[1], Integer.parseInt(f[3])), new BigDecimal(f[4]), BigDecimal::add);
                }
            }
        }
        return new Aggregates(sums);
    }
}
