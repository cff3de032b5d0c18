package org.gbsettle.refdata.csv;

import java.util.List;
import java.util.Objects;

/**
 * A reference table delivered as typed columns rather than CSV text (a Parquet file), each value rendered as the text
 * it would have in the CSV (a null as the empty string), so that the CSV parsers' row rules apply unchanged: the file
 * name for messages, the column names, and the rows, each with its 1-based row number.
 *
 * @param file the file name as given in messages
 * @param columns the column names, in the order of each row's values
 * @param rows the rows, in file order
 */
public record TextTable(String file, List<String> columns, List<Row> rows) {

    /**
     * One row of a {@link TextTable}.
     *
     * @param number the 1-based row number in the file
     * @param values the values as text, in {@link TextTable#columns()} order; empty for a null
     */
    public record Row(long number, List<String> values) {

        public Row {
            values = List.copyOf(values);
        }
    }

    public TextTable {
        Objects.requireNonNull(file, "file");
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (Row r : rows) {
            if (r.values().size() != columns.size()) {
                throw new IllegalArgumentException("row " + r.number() + " has "
                        + r.values().size() + " values for " + columns.size() + " columns");
            }
        }
    }
}
