package org.gbsettle.jobs.export;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Writes the rows of one exported table to one file, in the columns it was opened with: each row one value per
 * column ({@code String}, {@code LocalDate}, {@code Integer}, {@code Long}, {@code Boolean} or {@code BigDecimal} as
 * the column's {@link ColumnType}, or null).
 */
interface TableWriter extends AutoCloseable {

    /** Writes one row. */
    void write(@Nullable Object[] row) throws IOException;

    /** Finishes the file (footer, buffers); nothing may be written after. */
    @Override
    void close() throws IOException;
}
