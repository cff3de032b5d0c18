package org.gbsettle.jobs.reference;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one reference load wrote: its load version, when and by whom, how many files, and the rows loaded per table
 * (every reference table, zero for those the load had no file for).
 *
 * @param rowsByTable rows loaded per table name, in the order the tables are written
 */
public record ReferenceLoadSummary(
        long loadVersion, OffsetDateTime loadedAt, String loadedBy, int files, Map<String, Long> rowsByTable) {

    public ReferenceLoadSummary {
        Objects.requireNonNull(loadedAt, "loadedAt");
        Objects.requireNonNull(loadedBy, "loadedBy");
        rowsByTable = Collections.unmodifiableMap(new LinkedHashMap<>(rowsByTable));
    }

    /** The rows loaded into a table, zero if none. */
    public long rows(String table) {
        return rowsByTable.getOrDefault(table, 0L);
    }
}
