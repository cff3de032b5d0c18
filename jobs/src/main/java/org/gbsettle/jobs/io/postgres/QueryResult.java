package org.gbsettle.jobs.io.postgres;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of one SQL statement run by {@link ReadOnlyQuery}: its columns, and its rows as PostgreSQL's text form of
 * each value ({@code null} for SQL NULL), at most a chosen number of them.
 *
 * @param columns the result's columns in order; empty when the statement returns no result set (e.g. {@code SET})
 * @param rows the rows read, each with one value per column
 * @param truncated whether the statement returned more rows than were read
 */
public record QueryResult(List<Column> columns, List<List<@Nullable String>> rows, boolean truncated) {

    /**
     * One column of a result.
     *
     * @param name the column's label, as {@code AS} gives it
     * @param numeric whether its SQL type is a number (integer, numeric, real or double precision)
     */
    public record Column(String name, boolean numeric) {
        public Column {
            Objects.requireNonNull(name, "name");
        }
    }

    public QueryResult {
        columns = List.copyOf(columns);
        List<List<@Nullable String>> copy = new ArrayList<>(rows.size());
        for (List<@Nullable String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(
                        "A row has " + row.size() + " values for " + columns.size() + " columns");
            }
            // List.copyOf refuses nulls, and a NULL is a value here
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
        if (columns.isEmpty() && (!rows.isEmpty() || truncated)) {
            throw new IllegalArgumentException("A result without columns has no rows");
        }
    }

    /** Whether the statement returned a result set (a query), as opposed to only a command status. */
    public boolean hasResultSet() {
        return !columns.isEmpty();
    }
}
