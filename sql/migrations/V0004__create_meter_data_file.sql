-- Meter data files as delivered (architecture.md §3 principle 6, §4 Parquet contract) and the quarantine of
-- rejected input rows (principle 8, domain.md §8). Files are appended, never rewritten, and read in place by the
-- settlement runs; a run uses the files received before its cut-off.

CREATE TABLE meter_data_file (
    file_id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_path             TEXT        NOT NULL,
    sha256                CHAR(64)    NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes            BIGINT      NOT NULL CHECK (size_bytes >= 0),
    layout                VARCHAR(11) NOT NULL CHECK (layout IN ('DATE_PERIOD', 'UTC')),
    rows_read             BIGINT      NOT NULL CHECK (rows_read >= 0),
    rows_accepted         BIGINT      NOT NULL CHECK (rows_accepted >= 0),
    rows_rejected         BIGINT      NOT NULL CHECK (rows_rejected >= 0),
    first_settlement_date DATE,
    last_settlement_date  DATE,
    received_at           TIMESTAMPTZ NOT NULL,
    registered_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    registered_by         TEXT        NOT NULL,
    CONSTRAINT meter_data_file_sha256_un UNIQUE (sha256),
    CONSTRAINT meter_data_file_rows_ck CHECK (rows_read = rows_accepted + rows_rejected),
    CONSTRAINT meter_data_file_dates_ck CHECK (last_settlement_date >= first_settlement_date)
);

CREATE INDEX meter_data_file_dates_ix ON meter_data_file (first_settlement_date, last_settlement_date);

COMMENT ON TABLE meter_data_file IS
    'A registered half-hourly meter data file (Parquet), read in place; one row per distinct content (SHA-256).';
COMMENT ON COLUMN meter_data_file.layout IS
    'DATE_PERIOD: settlement_date + settlement_period columns; UTC: utc_period_start column.';
COMMENT ON COLUMN meter_data_file.received_at IS
    'Delivery time, used for rows without their own received_at: a run uses data received before its cut-off.';
COMMENT ON COLUMN meter_data_file.first_settlement_date IS 'Earliest settlement date in the file''s accepted rows.';
COMMENT ON COLUMN meter_data_file.last_settlement_date IS 'Latest settlement date in the file''s accepted rows.';

CREATE TABLE quarantine (
    quarantine_id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id            BIGINT REFERENCES settlement_run (run_id),
    gsp_group         VARCHAR(2) CHECK (gsp_group ~ '^_[A-HJ-NP]$'),
    file_id           BIGINT REFERENCES meter_data_file (file_id),
    file_path         TEXT        NOT NULL,
    row_number        BIGINT      CHECK (row_number >= 1),
    mpan              BIGINT,
    settlement_date   DATE,
    settlement_period INTEGER,
    field             TEXT        NOT NULL,
    value             TEXT,
    reason            VARCHAR(32) NOT NULL,
    detail            TEXT,
    quarantined_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT quarantine_run_group_ck CHECK (gsp_group IS NULL OR run_id IS NOT NULL)
);

CREATE INDEX quarantine_run_ix ON quarantine (run_id, gsp_group) WHERE run_id IS NOT NULL;
CREATE INDEX quarantine_file_ix ON quarantine (file_id, row_number);
CREATE INDEX quarantine_reason_ix ON quarantine (reason);

COMMENT ON TABLE quarantine IS
    'Input rows rejected with a reason (domain.md §8): at ingest (run_id null) or by a settlement run.';
COMMENT ON COLUMN quarantine.row_number IS '1-based row of the file (data row for Parquet, line for text files).';
COMMENT ON COLUMN quarantine.reason IS
    'Reason code: BAD_MPAN, UNKNOWN_MPAN, WRONG_MQ, BAD_PERIOD, BAD_VALUE, NEGATIVE, OUT_OF_RANGE, BAD_SCHEMA, ...';
