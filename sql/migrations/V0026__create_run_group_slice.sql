-- Group slices (issue 8): a GSP group of a settlement run cut into MPAN ranges, so that groups of very different sizes
-- spread evenly over many workers (gbsettle.partitioning.target-partitions > 0). The plan is made once, by the run's
-- first preparation, and every restart reuses it, so every attempt cuts the same ranges. Each slice is calculated up to
-- but not including the GSP group correction, in two passes when load shapes are computed from the run's own values:
-- its load-shape sample (step 'sample'), then its exact uncorrected partial sums against the group's summed sample
-- (step 'calculate'). The step 'combine' then combines the group's slices exactly, corrects the group and writes its
-- outputs in one transaction, as a whole group's partition does. The bytes are derived data: each is a pure function
-- of the run's pinned inputs (a retry writes the same bytes), framed with a format version and a CRC-32C, and they are
-- cleared when the run completes. Only groups that are cut have rows; whole groups keep the one-step path.

CREATE TABLE run_group_slice (
    run_id          BIGINT      NOT NULL,
    gsp_group       VARCHAR(2)  NOT NULL,
    piece           INTEGER     NOT NULL CHECK (piece >= 1),
    pieces          INTEGER     NOT NULL CHECK (pieces >= 2 AND piece <= pieces),
    mpan_from       BIGINT      NOT NULL,
    mpan_to         BIGINT      NOT NULL CHECK (mpan_to >= mpan_from),
    weight          BIGINT      NOT NULL CHECK (weight >= 0),
    sample          BYTEA,
    sample_at       TIMESTAMPTZ,
    slice           BYTEA,
    reader_rows     BYTEA,
    meter_rows_read BIGINT      CHECK (meter_rows_read >= 0),
    calculated_by   VARCHAR(200),
    calculated_at   TIMESTAMPTZ,
    PRIMARY KEY (run_id, gsp_group, piece),
    FOREIGN KEY (run_id, gsp_group) REFERENCES run_partition (run_id, gsp_group) ON DELETE CASCADE,
    CONSTRAINT run_group_slice_calculated_ck CHECK (slice IS NULL OR (reader_rows IS NOT NULL
        AND meter_rows_read IS NOT NULL AND calculated_at IS NOT NULL))
);

COMMENT ON TABLE run_group_slice IS
    'The MPAN-range slices of the GSP groups a settlement run cut (gbsettle.partitioning.target-partitions), and their'
    ' partial results until the group is combined.';
COMMENT ON COLUMN run_group_slice.mpan_from IS 'First MPAN core of the slice (inclusive); the smallest BIGINT: unbounded.';
COMMENT ON COLUMN run_group_slice.mpan_to IS 'First MPAN core after the slice (exclusive); the largest BIGINT: unbounded.';
COMMENT ON COLUMN run_group_slice.weight IS 'Metering systems of the group registered on the date within the range.';
COMMENT ON COLUMN run_group_slice.sample IS
    'The slice''s load-shape sample (engine ShapeSample.toBytes): sums and counts of actual values per category and'
    ' period; the group''s sample is the sum over its slices.';
COMMENT ON COLUMN run_group_slice.slice IS
    'The slice''s exact uncorrected volumes, data quality, warnings and quarantine (engine GroupSlice.toBytes).';
COMMENT ON COLUMN run_group_slice.reader_rows IS
    'The rows of the range the Parquet reader rejected, and those registered in no group that the slice quarantines.';
COMMENT ON COLUMN run_group_slice.meter_rows_read IS 'Meter-data rows of the range read for the group (accepted or not).';
COMMENT ON COLUMN run_group_slice.calculated_by IS 'The process that calculated the slice: host, process id, thread.';
