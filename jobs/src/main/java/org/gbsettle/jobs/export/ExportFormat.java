package org.gbsettle.jobs.export;

import java.util.Locale;

/** The file format of an export: Apache Parquet or RFC 4180 CSV, one file per table. */
public enum ExportFormat {
    /** Apache Parquet, Snappy-compressed, with logical types (STRING, DATE, DECIMAL). */
    PARQUET("parquet"),
    /** RFC 4180 CSV, UTF-8, a header row, CRLF line ends, ISO dates, plain decimals, NULL as an empty field. */
    CSV("csv");

    private final String extension;

    ExportFormat(String extension) {
        this.extension = extension;
    }

    /** The file name extension without the dot, also the format's name on the command line. */
    public String extension() {
        return extension;
    }

    /**
     * The format named {@code text} ({@code parquet} or {@code csv}, any case).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static ExportFormat parse(String text) {
        for (ExportFormat f : values()) {
            if (f.extension.equals(text.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("Export format must be parquet or csv, not '" + text + "'");
    }
}
