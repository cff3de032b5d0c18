package org.gbsettle.jobs.io.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the written outputs of a settlement run back as text, one list of column values a row, for comparing them
 * with expected tables: a partition's rows of an output table, and the run's quarantine rows of a group or of no
 * group. Values are PostgreSQL's text form ({@code CAST(... AS TEXT)}); a {@code flags} array is joined with
 * {@code ;}; SQL NULL is null.
 */
@Component
public final class JdbcRunOutputReader {

    /** The output tables with one row set per run and GSP group. */
    public static final Set<String> TABLES =
            Set.of("bm_unit_volume", "supplier_volume", "gsp_group_correction", "data_quality", "calculation_issue");

    private final JdbcClient jdbc;

    public JdbcRunOutputReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The columns of an output table in the current schema, in their order. */
    public List<String> columns(String table) {
        checkTable(table);
        return jdbc.sql("SELECT column_name FROM information_schema.columns"
                        + " WHERE table_schema = current_schema() AND table_name = :t ORDER BY ordinal_position")
                .param("t", table)
                .query(String.class)
                .list();
    }

    /**
     * The rows of {@code table} written for a run and GSP group, with the values of {@code columns} (a subset of
     * {@link #columns}), in no particular order.
     *
     * @throws IllegalArgumentException for a table not in {@link #TABLES} or a column not in the table
     */
    public List<List<@Nullable String>> rows(String table, List<String> columns, long runId, String group) {
        checkTable(table);
        List<String> known = columns(table);
        StringBuilder select = new StringBuilder();
        for (String column : columns) {
            if (!known.contains(column)) {
                throw new IllegalArgumentException("No column " + column + " in " + table);
            }
            select.append(select.length() == 0 ? "" : ", ")
                    .append(column.equals("flags") ? "array_to_string(flags, ';')" : "CAST(" + column + " AS TEXT)");
        }
        int n = columns.size();
        return jdbc.sql("SELECT " + select + " FROM " + table + " WHERE run_id = :id AND gsp_group = :g")
                .param("id", runId)
                .param("g", group)
                .query((rs, row) -> {
                    List<@Nullable String> values = new ArrayList<>(n);
                    for (int c = 1; c <= n; c++) {
                        values.add(rs.getString(c));
                    }
                    return values;
                })
                .list();
    }

    /**
     * A run's quarantine rows of a GSP group (null: the rows of no group) as file name (without folder and
     * {@code .parquet}), row number, MPAN, settlement period and reason.
     */
    public List<List<@Nullable String>> quarantine(long runId, @Nullable String group) {
        return jdbc.sql("""
                        SELECT regexp_replace(regexp_replace(file_path, '^.*/', ''), '\\.parquet$', ''),
                               CAST(row_number AS TEXT), CAST(mpan AS TEXT), CAST(settlement_period AS TEXT), reason
                          FROM quarantine
                         WHERE run_id = :id AND gsp_group IS NOT DISTINCT FROM :g
                        """)
                .param("id", runId)
                .param("g", group)
                .query((rs, row) -> {
                    List<@Nullable String> values = new ArrayList<>(5);
                    for (int c = 1; c <= 5; c++) {
                        values.add(rs.getString(c));
                    }
                    return values;
                })
                .list();
    }

    private static void checkTable(String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("Not an output table: " + table);
        }
    }
}
