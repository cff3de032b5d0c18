package org.gbsettle.jobs.io.parquet;

/**
 * A deterministic meter-data day by formula, row {@code i} of {@code n}, written by each writer under test and
 * compared with what the reader decodes. The formula is the expectation: the reader's code is never used to make it.
 */
final class SampleRows {

    /** 2026-01-16T06:00:00Z in microseconds since the epoch (1768543200 s). */
    static final long RECEIVED_BASE_MICROS = 1_768_543_200_000_000L;

    private SampleRows() {}

    /** 13-digit MPAN cores, 48 rows each; every 1000th row a core with a leading zero (a 12-digit number). */
    static long mpan(long i) {
        return i % 1000 == 5 ? 123_456_789_012L : 2_000_000_000_000L + i / 48 * 7;
    }

    static int period(long i) {
        return (int) (i % 48) + 1;
    }

    /** "AE" every 5th row, else "AI". */
    static String mq(long i) {
        return i % 5 == 0 ? "AE" : "AI";
    }

    static byte mqCode(long i) {
        return (byte) (i % 5 == 0 ? 1 : 0);
    }

    /** kWh x 1000, in -3,000,000..1,999,999 (every 97th row negative). */
    static long wh(long i) {
        return i * 7919 % 2_000_000 - (i % 97 == 0 ? 3_000_000 : 0);
    }

    static String quality(long i) {
        return i % 7 == 0 ? "E" : "A";
    }

    /** Receipt one second apart from {@link #RECEIVED_BASE_MICROS}. */
    static long receivedMicros(long i) {
        return RECEIVED_BASE_MICROS + i * 1_000_000;
    }

    /**
     * The same rows as a DuckDB query over {@code range(n)} (column {@code i}), every 11th receipt time null, plus a
     * last row {@code n + 1} with every column null: DuckDB writes a column without nulls as REQUIRED, so the nulls make
     * every column OPTIONAL, as most files from other writers are.
     */
    static String duckDbSelect(long n, String receivedType) {
        return "SELECT i,"
                + " CASE WHEN i % 1000 = 5 THEN 123456789012 ELSE 2000000000000 + (i // 48) * 7 END::BIGINT AS mpan,"
                + " DATE '2026-01-15' AS settlement_date,"
                + " (i % 48 + 1)::INTEGER AS settlement_period,"
                + " CASE WHEN i % 5 = 0 THEN 'AE' ELSE 'AI' END AS measurement_quantity,"
                + " ((i * 7919 % 2000000 - CASE WHEN i % 97 = 0 THEN 3000000 ELSE 0 END)::DECIMAL(18,0) * 0.001)"
                + "::DECIMAL(12,3) AS kwh,"
                + " CASE WHEN i % 7 = 0 THEN 'E' ELSE 'A' END AS quality,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE make_timestamp(" + RECEIVED_BASE_MICROS + " + i * 1000000)"
                + " END::" + receivedType + " AS received_at"
                + " FROM range(" + n + ") t(i)"
                + " UNION ALL SELECT " + n + ", NULL, NULL, NULL, NULL, NULL, NULL, NULL"
                + " ORDER BY i";
    }
}
