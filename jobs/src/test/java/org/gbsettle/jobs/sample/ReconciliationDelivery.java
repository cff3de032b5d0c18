package org.gbsettle.jobs.sample;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a sample day's reconciliation delivery, the data that improves between its SF and an R1 run, into {@code
 * DAY/r1/} ({@code r1/README.md} describes it): {@code r1/meter-data/meter_reads_actuals.parquet}, an actual 10 %
 * above each estimate of the day's {@code meter_reads_1.parquet} (received 2026-02-20), and {@code
 * r1/reference/CDCA-I029_<date>_R1.I029}, a new CDCA run of the day's takes, every period 1 % up (rounded half up to
 * 4 dp). With DuckDB on one thread, so the bytes are the same on every run.
 *
 * <pre>
 * ReconciliationDelivery DAY_FOLDER      e.g. sample-data/2026-01-15_normal_winter_day
 * </pre>
 *
 * <p>A test-scope tool for {@code scripts/sample-data/generate}; {@code RunDiffWinterIT} runs the day's SF, then an R1
 * with this delivery, and checks the diff and the report. Exit code 0 done, 2 bad arguments.
 */
public final class ReconciliationDelivery {

    private ReconciliationDelivery() {}

    public static void main(String[] args) throws IOException, SQLException {
        if (args.length != 1) {
            System.err.println("usage: ReconciliationDelivery DAY_FOLDER");
            System.exit(2);
        }
        write(Path.of(args[0]));
    }

    /** Writes {@code day/r1/}: the actuals for the first file's estimates, and the takes 1 % up. */
    public static void write(Path day) throws IOException, SQLException {
        Path first = day.resolve("meter-data").resolve("meter_reads_1.parquet");
        Path meter = Files.createDirectories(day.resolve("r1").resolve("meter-data"));
        Path actuals = meter.resolve("meter_reads_actuals.parquet");
        Files.deleteIfExists(actuals);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET threads TO 1");
            s.execute("COPY (SELECT mpan, settlement_date, settlement_period, measurement_quantity,"
                    + " CAST(kwh * 1.1 AS DECIMAL(12,3)) AS kwh, 'A' AS quality,"
                    + " TIMESTAMP '2026-02-20 00:00:00' AS received_at FROM read_parquet('" + sql(first)
                    + "') WHERE quality = 'E' ORDER BY mpan, settlement_period) TO '" + sql(actuals)
                    + "' (FORMAT parquet)");
        }
        Path sfTake;
        try (var files = Files.list(day.resolve("reference"))) {
            sfTake = files.filter(f -> f.getFileName().toString().endsWith("_SF.I029"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no SF take (*_SF.I029) in " + day.resolve("reference")));
        }
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(sfTake, StandardCharsets.UTF_8)) {
            String[] f = line.split("\\|", -1);
            if (f[0].equals("AGV")) {
                line = "AGV|" + f[1] + "|" + f[2] + "|R1|3|20260305|";
            } else if (f[0].equals("AGP")) {
                BigDecimal mwh =
                        new BigDecimal(f[4]).multiply(new BigDecimal("1.01")).setScale(4, RoundingMode.HALF_UP);
                line = "AGP|" + f[1] + "|" + f[2] + "|" + f[3] + "|" + mwh.toPlainString() + "|";
            }
            out.add(line);
        }
        Path reference = Files.createDirectories(day.resolve("r1").resolve("reference"));
        String name = sfTake.getFileName().toString().replace("_SF.I029", "_R1.I029");
        Files.write(reference.resolve(name), out, StandardCharsets.UTF_8);
    }

    private static String sql(Path p) {
        return p.toAbsolutePath().toString().replace("'", "''");
    }
}
