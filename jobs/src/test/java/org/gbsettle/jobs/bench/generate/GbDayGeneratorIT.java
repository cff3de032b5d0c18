package org.gbsettle.jobs.bench.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.cli.GbSettleCommand;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/**
 * A generated day of 2,000 metering systems: generated twice, byte for byte the same; meter data in the contract's
 * types, sorted by MPAN then period; and {@code gbsettle sample --days-dir ... --no-check} loads its reference folder,
 * ingests every meter-data file without a quarantined row and runs it to completion with every GSP group's
 * correction factors within 0.9..1.1.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class GbDayGeneratorIT {

    private static final int SYSTEMS = 2000;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        Path tmp = Files.createTempDirectory(Path.of("target"), "gb-day-it-");
        registry.add("gbsettle.database.data-dir", () -> tmp.resolve("pgdata").toString());
    }

    @Autowired
    ApplicationContext context;

    @Test
    void a_generated_day_is_deterministic_and_settles_with_factors_near_one() throws Exception {
        Path work =
                Files.createTempDirectory(Path.of("target"), "gb-day-it-work-").toAbsolutePath();
        Path first = work.resolve("first").resolve("gb-day");
        Path second = work.resolve("second").resolve("gb-day");
        GbDayGenerator.Summary summary = new GbDayGenerator(options(first, 2)).generate();
        new GbDayGenerator(options(second, 1)).generate();

        List<Path> files = files(first);
        assertThat(files(second)).isEqualTo(files);
        for (Path f : files) {
            assertThat(Files.readAllBytes(second.resolve(f)))
                    .as(f.toString())
                    .isEqualTo(Files.readAllBytes(first.resolve(f)));
        }
        assertThat(files)
                .contains(Path.of("run.properties"), Path.of("reference/registrations.parquet"))
                .filteredOn(f -> f.startsWith("meter-data"))
                .hasSize(14 * 2);
        // 2,000 systems: ~3% export, 70% of import HH; ~0.2% de-energised; ~1% of values missing: about
        // 2,000 x (0.03 + 0.97 x 0.7) x 48 x 0.99 = 67,400 rows
        assertThat(summary.meterRows()).isBetween(63_000L, 72_000L);

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            String meter = "read_parquet('" + first.resolve("meter-data")
                    + "/*.parquet', filename = true, file_row_number = true)";
            List<String> types = new ArrayList<>();
            try (ResultSet r = s.executeQuery("DESCRIBE SELECT * EXCLUDE (filename, file_row_number) FROM " + meter)) {
                while (r.next()) {
                    types.add(r.getString(1) + " " + r.getString(2));
                }
            }
            assertThat(types)
                    .containsExactly(
                            "mpan BIGINT",
                            "settlement_date DATE",
                            "settlement_period INTEGER",
                            "measurement_quantity VARCHAR",
                            "kwh DECIMAL(12,3)",
                            "quality VARCHAR",
                            "received_at TIMESTAMP");
            long unsorted = scalar(
                    s,
                    "SELECT count(*) FROM (SELECT filename, mpan, settlement_period, lag(mpan) OVER w AS pm,"
                            + " lag(settlement_period) OVER w AS pp FROM " + meter
                            + " WINDOW w AS (PARTITION BY filename ORDER BY file_row_number))"
                            + " WHERE pm IS NOT NULL AND (mpan, settlement_period) <= (pm, pp)");
            assertThat(unsorted).isZero();
            // estimated share: 3% of values; every row of the day; every MPAN registered
            double estimated = scalarDouble(s, "SELECT avg(CASE WHEN quality = 'E' THEN 1 ELSE 0 END) FROM " + meter);
            assertThat(estimated).isBetween(0.02, 0.04);
            assertThat(scalar(s, "SELECT count(*) FROM " + meter + " WHERE settlement_date <> DATE '2026-01-15'"))
                    .isZero();
            assertThat(scalar(
                            s,
                            "SELECT count(DISTINCT mpan) FROM " + meter + " WHERE mpan NOT IN (SELECT mpan_core FROM"
                                    + " read_parquet('" + first.resolve("reference/registrations.parquet") + "'))"))
                    .isZero();
        }

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = GbSettleCommand.commandLine(w -> w.applyAsInt(context));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute("sample", "--days-dir", first.getParent().toString(), "gb-day", "--no-check");
        String text = out.toString();
        assertThat(exit).as(text + "\n" + err).isZero();
        assertThat(text).contains("COMPLETE").doesNotContain("error:");
        assertThat(Pattern.compile("ingested as file \\d+, \\d+ rows read = \\d+ accepted \\+ 0 quarantined")
                        .matcher(text)
                        .results()
                        .count())
                .isEqualTo(28);
        Matcher m = Pattern.compile("(?m)^(_[A-P]) +\\d+ +\\d+ +0 +(-?[0-9.]+) \\.\\. (-?[0-9.]+) ")
                .matcher(text);
        int groups = 0;
        while (m.find()) {
            groups++;
            assertThat(new BigDecimal(m.group(2)))
                    .as(m.group(1) + " lowest CF")
                    .isBetween(new BigDecimal("0.9"), new BigDecimal("1.1"));
            assertThat(new BigDecimal(m.group(3)))
                    .as(m.group(1) + " highest CF")
                    .isBetween(new BigDecimal("0.9"), new BigDecimal("1.1"));
        }
        assertThat(groups).as(text).isEqualTo(14);
    }

    private static GbDayOptions options(Path out, int threads) {
        // HH share 0.7: with ~150 systems a group, the correctable volume (NHH, estimates) must not be a handful of
        // values, or the engine's defaults for a few missing values move the factor more than the take's error does
        return new GbDayOptions(SYSTEMS, LocalDate.of(2026, 1, 15), out, 20260115, 2, 0.7, threads, "512MB");
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .sorted()
                    .toList();
        }
    }

    private static long scalar(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static double scalarDouble(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getDouble(1);
        }
    }
}
