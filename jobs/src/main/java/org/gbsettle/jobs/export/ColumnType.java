package org.gbsettle.jobs.export;

/**
 * The type of an exported column, as it appears in Parquet and in the manifest: a UTF-8 string, a date, a 32- or
 * 64-bit integer, a boolean, or a decimal of a fixed precision and scale ({@link ExportColumn#precision()}, {@link
 * ExportColumn#scale()}).
 */
public enum ColumnType {
    /** UTF-8 text: Parquet BINARY annotated STRING. */
    STRING,
    /** A calendar date: Parquet INT32 annotated DATE (days since 1970-01-01); ISO 8601 in CSV. */
    DATE,
    /** A 32-bit signed integer: Parquet INT32. */
    INT32,
    /** A 64-bit signed integer: Parquet INT64. */
    INT64,
    /** true or false: Parquet BOOLEAN. */
    BOOLEAN,
    /**
     * A decimal number: Parquet DECIMAL(precision, scale) stored as INT32 (precision up to 9), INT64 (up to 18) or a
     * 16-byte FIXED_LEN_BYTE_ARRAY (up to 38); plain notation in CSV.
     */
    DECIMAL
}
