package org.gbsettle.jobs.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts meter-data CSV files ({@code mpan,settlement_date,settlement_period,measurement_quantity,kwh,quality,
 * received_at}, the text form of the contract, FORMAT.md {@code meter_reads.csv}) into Parquet files with the types
 * of the meter-data Parquet contract (architecture.md §4): {@code mpan} BIGINT, {@code settlement_date} DATE, {@code
 * settlement_period} INTEGER, {@code measurement_quantity} VARCHAR, {@code kwh} DECIMAL(12,3), {@code quality}
 * VARCHAR, {@code received_at} TIMESTAMP (UTC, written without a zone; the CSV gives it as {@code
 * YYYY-MM-DDTHH:MM:SSZ}).
 *
 * <pre>
 * CsvToParquet FILE.csv [FILE.csv ...]      writes FILE.parquet next to each FILE.csv
 * </pre>
 *
 * <p>Written with DuckDB (one thread, so the bytes are the same on every run): rows in the CSV's order, Snappy
 * compression, row groups of 20,480 rows. Each output is read back and checked: the contract's column names and
 * types, and the same rows as the CSV (row count and multiset). A test-scope tool for {@code
 * scripts/sample-data/generate}; exit code 0 done, 1 a file failed, 2 bad arguments.
 */
public final class CsvToParquet {

    /** The contract's columns and DuckDB types, in order. */
    static final List<String[]> COLUMNS = List.of(
            new String[] {"mpan", "BIGINT"},
            new String[] {"settlement_date", "DATE"},
            new String[] {"settlement_period", "INTEGER"},
            new String[] {"measurement_quantity", "VARCHAR"},
            new String[] {"kwh", "DECIMAL(12,3)"},
            new String[] {"quality", "VARCHAR"},
            new String[] {"received_at", "TIMESTAMP"});

    private static final int ROW_GROUP_SIZE = 20_480;

    private CsvToParquet() {}

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: CsvToParquet FILE.csv [FILE.csv ...]");
            System.exit(2);
        }
        List<Path> inputs = new ArrayList<>();
        for (String a : args) {
            Path p = Path.of(a);
            if (!a.endsWith(".csv") || !Files.isRegularFile(p)) {
                System.err.println("not a CSV file: " + a);
                System.exit(2);
            }
            inputs.add(p);
        }
        try {
            for (Path in : inputs) {
                String name = in.getFileName().toString();
                Path out = in.resolveSibling(name.substring(0, name.length() - ".csv".length()) + ".parquet");
                long rows = convert(in, out);
                System.out.println("wrote " + out + " (" + rows + " rows, " + Files.size(out) + " bytes)");
            }
        } catch (SQLException | IOException | IllegalStateException e) {
            System.err.println("CsvToParquet failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Converts one file and checks the result.
     *
     * @return the number of rows written
     * @throws IllegalStateException if the Parquet file read back differs from the CSV
     */
    public static long convert(Path csv, Path parquet) throws SQLException, IOException {
        Files.deleteIfExists(parquet);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET threads TO 1");
            s.execute("SET preserve_insertion_order = true");
            String typed = typedCsv(csv);
            s.execute("COPY (" + typed + ") TO " + literal(parquet) + " (FORMAT parquet, COMPRESSION snappy,"
                    + " ROW_GROUP_SIZE " + ROW_GROUP_SIZE + ")");

            List<String> types = new ArrayList<>();
            try (ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + literal(parquet) + ")")) {
                while (r.next()) {
                    types.add(r.getString("column_name") + " " + r.getString("column_type"));
                }
            }
            List<String> wanted = COLUMNS.stream().map(x -> x[0] + " " + x[1]).toList();
            if (!types.equals(wanted)) {
                throw new IllegalStateException(parquet + " has columns " + types + ", the contract says " + wanted);
            }
            long csvRows = count(s, "SELECT count(*) FROM (" + typed + ")");
            long parquetRows = count(s, "SELECT count(*) FROM read_parquet(" + literal(parquet) + ")");
            long differing = count(
                    s,
                    "SELECT count(*) FROM ((" + typed + ") EXCEPT ALL SELECT * FROM read_parquet(" + literal(parquet)
                            + ")) UNION ALL SELECT count(*) FROM (SELECT * FROM read_parquet(" + literal(parquet)
                            + ") EXCEPT ALL (" + typed + "))",
                    true);
            if (csvRows != parquetRows || differing != 0) {
                throw new IllegalStateException(parquet + " holds " + parquetRows + " rows, " + csv + " " + csvRows
                        + "; rows in one and not the other: " + differing);
            }
            return parquetRows;
        }
    }

    /** A query reading the CSV as text and casting every column to the contract's type. */
    private static String typedCsv(Path csv) {
        return "SELECT CAST(mpan AS BIGINT) AS mpan, CAST(settlement_date AS DATE) AS settlement_date,"
                + " CAST(settlement_period AS INTEGER) AS settlement_period, measurement_quantity,"
                + " CAST(kwh AS DECIMAL(12,3)) AS kwh, quality,"
                + " strptime(received_at, '%Y-%m-%dT%H:%M:%SZ') AS received_at"
                + " FROM read_csv(" + literal(csv) + ", header = true, all_varchar = true, delim = ',',"
                + " quote = '\"')";
    }

    private static long count(Statement s, String sql) throws SQLException {
        return count(s, sql, false);
    }

    /** The first column of the first row, or the sum over all rows when {@code sum}. */
    private static long count(Statement s, String sql, boolean sum) throws SQLException {
        long total = 0;
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                total += r.getLong(1);
                if (!sum) {
                    break;
                }
            }
        }
        return total;
    }

    private static String literal(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
