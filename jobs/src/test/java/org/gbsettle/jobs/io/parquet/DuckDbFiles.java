package org.gbsettle.jobs.io.parquet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** Writes test files with DuckDB ({@code COPY (SELECT ...) TO ... (FORMAT parquet)}), which writes OPTIONAL columns. */
final class DuckDbFiles {

    private DuckDbFiles() {}

    /** Column name to repetition (REQUIRED, OPTIONAL) as DuckDB reads the file's schema. */
    static Map<String, String> repetitions(Path file) throws SQLException {
        Map<String, String> map = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT name, repetition_type FROM parquet_schema('"
                        + file.toString().replace("'", "''") + "') WHERE num_children IS NULL OR num_children = 0")) {
            while (r.next()) {
                map.put(r.getString(1), r.getString(2));
            }
        }
        return map;
    }

    /**
     * Writes the result of {@code select} to {@code file} with the given extra COPY options (e.g. {@code COMPRESSION
     * zstd, ROW_GROUP_SIZE 4096}), in a session whose time zone is UTC. The rows go through a table first: DuckDB
     * writes a query's provably non-null expressions as REQUIRED, a table's columns (nullable) as OPTIONAL.
     */
    static void write(Path file, String select, String options) throws SQLException, java.io.IOException {
        Files.deleteIfExists(file);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("SET threads = 1");
            s.execute("CREATE TEMP TABLE src AS " + select);
            s.execute("COPY src TO '" + file.toString().replace("'", "''") + "' (FORMAT parquet"
                    + (options.isEmpty() ? "" : ", " + options) + ")");
        }
    }
}
