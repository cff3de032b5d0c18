-- Settlement runs and their partitions (one per GSP group): architecture.md §3 principles 3-5, domain.md §3.
-- A run is an immutable fact: its identity, cut-off, who started it and why never change; only its status moves
-- PENDING -> RUNNING -> COMPLETE (or FAILED, and back to RUNNING on restart). Outputs are written under its id and
-- become authoritative only once the run is COMPLETE (the completion marker is written last).

-- Run types and their supersession rank (domain.md §3): II < SF < R1 < R2 < R3 < RF < DF; the ad-hoc dispute runs
-- D and DR rank with DF (as org.gbsettle.engine.run.RunType.rank()).
CREATE TABLE run_type (
    run_type VARCHAR(2) PRIMARY KEY,
    run_rank SMALLINT   NOT NULL,
    name     TEXT       NOT NULL
);

INSERT INTO run_type (run_type, run_rank, name) VALUES
    ('II', 1, 'Interim Information'),
    ('SF', 2, 'Initial Settlement'),
    ('R1', 3, 'First Reconciliation'),
    ('R2', 4, 'Second Reconciliation'),
    ('R3', 5, 'Third Reconciliation'),
    ('RF', 6, 'Final Reconciliation'),
    ('DF', 7, 'Dispute Final'),
    ('D',  7, 'Ad-hoc dispute run'),
    ('DR', 7, 'Ad-hoc dispute reconciliation run');

COMMENT ON TABLE run_type IS 'Settlement run types and their supersession rank: a higher rank supersedes a lower one.';

CREATE TABLE settlement_run (
    run_id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    settlement_date    DATE        NOT NULL,
    run_type           VARCHAR(2)  NOT NULL REFERENCES run_type (run_type),
    run_number         INTEGER     NOT NULL CHECK (run_number >= 1),
    data_cutoff        TIMESTAMPTZ NOT NULL,
    status             VARCHAR(8)  NOT NULL DEFAULT 'PENDING'
                                   CHECK (status IN ('PENDING', 'RUNNING', 'FAILED', 'COMPLETE')),
    started_by         TEXT        NOT NULL CHECK (started_by <> ''),
    reason             TEXT        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at       TIMESTAMPTZ,
    failure_message    TEXT,
    engine_version     TEXT        NOT NULL,
    config             JSONB       NOT NULL DEFAULT '{}'::jsonb,
    input_manifest     JSONB,
    input_fingerprint  VARCHAR(64) CHECK (input_fingerprint ~ '^[0-9a-f]{64}$'),
    output_fingerprint VARCHAR(64) CHECK (output_fingerprint ~ '^[0-9a-f]{64}$'),
    CONSTRAINT settlement_run_number_un UNIQUE (settlement_date, run_type, run_number),
    CONSTRAINT settlement_run_complete_ck CHECK (
        status <> 'COMPLETE' OR (completed_at IS NOT NULL AND output_fingerprint IS NOT NULL))
);

CREATE INDEX settlement_run_date_ix ON settlement_run (settlement_date, status);
CREATE INDEX settlement_run_created_ix ON settlement_run (created_at DESC);

COMMENT ON TABLE settlement_run IS
    'One settlement run: a complete recomputation of one settlement date from the data received before its cut-off.';
COMMENT ON COLUMN settlement_run.run_number IS 'SVA run number: sequential from 1 per settlement date and run type.';
COMMENT ON COLUMN settlement_run.data_cutoff IS 'The as-at time of the run: only data received before it is used.';
COMMENT ON COLUMN settlement_run.started_by IS 'Who or what started the run (operator name, scheduler).';
COMMENT ON COLUMN settlement_run.reason IS 'Why the run was started (timetable, dispute reference, rerun reason).';
COMMENT ON COLUMN settlement_run.created_at IS 'When the run was started (created).';
COMMENT ON COLUMN settlement_run.completed_at IS 'When the completion marker was written (status COMPLETE).';
COMMENT ON COLUMN settlement_run.config IS 'The calculation configuration the run used.';
COMMENT ON COLUMN settlement_run.input_manifest IS
    'The identities of every input: meter-data files and checksums, reference-data load versions, CDCA run numbers.';
COMMENT ON COLUMN settlement_run.input_fingerprint IS 'SHA-256 (hex) of the input manifest.';
COMMENT ON COLUMN settlement_run.output_fingerprint IS 'SHA-256 (hex) over the output fingerprints of all partitions.';

CREATE TABLE run_partition (
    run_id                BIGINT      NOT NULL REFERENCES settlement_run (run_id),
    gsp_group             VARCHAR(2)  NOT NULL CHECK (gsp_group ~ '^_[A-HJ-NP]$'),
    status                VARCHAR(8)  NOT NULL DEFAULT 'PENDING'
                                      CHECK (status IN ('PENDING', 'RUNNING', 'FAILED', 'COMPLETE')),
    started_at            TIMESTAMPTZ,
    completed_at          TIMESTAMPTZ,
    failure_message       TEXT,
    output_fingerprint    VARCHAR(64) CHECK (output_fingerprint ~ '^[0-9a-f]{64}$'),
    metering_systems      INTEGER     CHECK (metering_systems >= 0),
    meter_rows_read       BIGINT      CHECK (meter_rows_read >= 0),
    meter_rows_accepted   BIGINT      CHECK (meter_rows_accepted >= 0),
    meter_rows_quarantined BIGINT     CHECK (meter_rows_quarantined >= 0),
    bm_unit_volume_rows   INTEGER     CHECK (bm_unit_volume_rows >= 0),
    supplier_volume_rows  INTEGER     CHECK (supplier_volume_rows >= 0),
    calculation_issue_rows INTEGER    CHECK (calculation_issue_rows >= 0),
    PRIMARY KEY (run_id, gsp_group),
    CONSTRAINT run_partition_complete_ck CHECK (
        status <> 'COMPLETE' OR (completed_at IS NOT NULL AND output_fingerprint IS NOT NULL)),
    CONSTRAINT run_partition_rows_ck CHECK (
        meter_rows_read IS NULL OR meter_rows_read = meter_rows_accepted + meter_rows_quarantined)
);

COMMENT ON TABLE run_partition IS
    'One GSP group of a settlement run: the unit of parallelism, restart and idempotent output writing.';
COMMENT ON COLUMN run_partition.output_fingerprint IS
    'SHA-256 (hex) of the partition''s result tables in canonical CSV form (engine ResultTables.fingerprint()).';
