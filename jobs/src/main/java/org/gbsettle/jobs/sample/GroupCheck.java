package org.gbsettle.jobs.sample;

import java.util.List;
import java.util.Objects;

/**
 * The comparison of one GSP group's outputs of a run (or of the rows of no group, {@link SampleDay#UNASSIGNED}) with a
 * sample day's expected outputs: the tables compared, how many expected rows, and the differences, one line each
 * ({@code table: expected, not written: ROW} or {@code table: written, not expected: ROW}), table by table.
 */
public record GroupCheck(String group, List<String> tables, long expectedRows, List<String> differences) {

    public GroupCheck {
        Objects.requireNonNull(group, "group");
        tables = List.copyOf(tables);
        differences = List.copyOf(differences);
        if (expectedRows < 0) {
            throw new IllegalArgumentException("Expected rows " + expectedRows + " < 0");
        }
    }

    /** Whether the outputs are the expected ones, row for row. */
    public boolean matches() {
        return differences.isEmpty();
    }
}
