package org.gbsettle.jobs.io.parquet;

/** Which of the two meter-data Parquet layouts (architecture.md §4) a file uses to say when a value applies. */
public enum MeterDataLayout {
    /** {@code settlement_date} (date) and {@code settlement_period} (int32, 1..50). */
    DATE_AND_PERIOD,
    /** {@code utc_period_start} (timestamp): the UTC start of the half hour, mapped to the date and period. */
    UTC_PERIOD_START
}
