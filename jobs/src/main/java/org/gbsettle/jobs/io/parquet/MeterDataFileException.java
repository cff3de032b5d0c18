package org.gbsettle.jobs.io.parquet;

import org.jspecify.annotations.Nullable;

/**
 * A meter-data Parquet file that cannot be read at all: not Parquet, truncated or corrupt, or a schema that breaks the
 * contract (a column missing or of the wrong type). The message names the file and, for a schema error, the column and
 * the type expected; no row of such a file is used.
 */
public final class MeterDataFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final @Nullable String column;

    MeterDataFileException(String file, @Nullable String column, String message, @Nullable Throwable cause) {
        super(file + (column == null ? "" : ", column " + column) + ": " + message, cause);
        this.file = file;
        this.column = column;
    }

    /** The file name (no directory). */
    public String file() {
        return file;
    }

    /** The column at fault, or null when the file as a whole is. */
    public @Nullable String column() {
        return column;
    }
}
