-- Outputs of a settlement run (domain.md §7), keyed by run and GSP group. A partition's rows are written
-- idempotently (delete then insert per run_id and gsp_group, in one transaction) and become authoritative only when
-- the run is COMPLETE. Columns mirror the engine's result tables (org.gbsettle.engine.run.ResultTables): MWh in SVA
-- sign (+ import, - export); published volumes NUMERIC(14,4) (rounding step R3); exact values NUMERIC without
-- rounding; correction factors NUMERIC(18,9) (step R2).

CREATE TABLE bm_unit_volume (
    run_id            BIGINT        NOT NULL,
    gsp_group         VARCHAR(2)    NOT NULL,
    supplier_id       VARCHAR(4)    NOT NULL,
    bm_unit_id        VARCHAR(11)   NOT NULL,
    settlement_period SMALLINT      NOT NULL CHECK (settlement_period BETWEEN 1 AND 50),
    exact_mwh         NUMERIC       NOT NULL,
    bmuadv_mwh        NUMERIC(14,4) NOT NULL,
    PRIMARY KEY (run_id, gsp_group, bm_unit_id, settlement_period),
    FOREIGN KEY (run_id, gsp_group) REFERENCES run_partition (run_id, gsp_group)
);

CREATE INDEX bm_unit_volume_unit_ix ON bm_unit_volume (bm_unit_id, run_id);

COMMENT ON TABLE bm_unit_volume IS
    'BM Unit Allocated Demand Volume (BMUADV) per supplier BM unit and settlement period; zero rows included.';
COMMENT ON COLUMN bm_unit_volume.exact_mwh IS 'Sum of the exact corrected volumes over CCCs, MWh.';
COMMENT ON COLUMN bm_unit_volume.bmuadv_mwh IS 'Published BMUADV, MWh 4 dp (rounding steps R3 and R4).';

CREATE TABLE supplier_volume (
    run_id              BIGINT        NOT NULL,
    gsp_group           VARCHAR(2)    NOT NULL,
    supplier_id         VARCHAR(4)    NOT NULL,
    bm_unit_id          VARCHAR(11)   NOT NULL,
    ccc_id              INTEGER       NOT NULL,
    settlement_period   SMALLINT      NOT NULL CHECK (settlement_period BETWEEN 1 AND 50),
    uncorrected_mwh     NUMERIC       NOT NULL,
    weight              NUMERIC       NOT NULL,
    factor              NUMERIC       NOT NULL,
    corrected_exact_mwh NUMERIC       NOT NULL,
    corrected_mwh       NUMERIC(14,4) NOT NULL,
    PRIMARY KEY (run_id, gsp_group, bm_unit_id, ccc_id, settlement_period),
    FOREIGN KEY (run_id, gsp_group) REFERENCES run_partition (run_id, gsp_group)
);

CREATE INDEX supplier_volume_supplier_ix ON supplier_volume (run_id, supplier_id);

COMMENT ON TABLE supplier_volume IS
    'Supplier volume per BM unit, CCC and settlement period, uncorrected and corrected; zero uncorrected rows omitted.';
COMMENT ON COLUMN supplier_volume.uncorrected_mwh IS 'Uncorrected volume UC, exact, MWh.';
COMMENT ON COLUMN supplier_volume.weight IS 'Scaling weight W of the CCC.';
COMMENT ON COLUMN supplier_volume.factor IS 'Factor applied, 1 + lambda x W.';
COMMENT ON COLUMN supplier_volume.corrected_exact_mwh IS 'Corrected volume, exact, MWh.';
COMMENT ON COLUMN supplier_volume.corrected_mwh IS 'Corrected volume as published, MWh 4 dp (rounding steps R3 and R4).';

CREATE TABLE gsp_group_correction (
    run_id                 BIGINT        NOT NULL,
    gsp_group              VARCHAR(2)    NOT NULL,
    settlement_period      SMALLINT      NOT NULL CHECK (settlement_period BETWEEN 1 AND 50),
    gcf_type               VARCHAR(15)   NOT NULL
                                         CHECK (gcf_type IN ('legacy_gcf', 'mhhs_import_gcf', 'mhhs_export_gcf')),
    gcf                    NUMERIC(18,9) NOT NULL,
    gsp_group_take_mwh     NUMERIC(14,4) NOT NULL,
    take_estimated         BOOLEAN       NOT NULL,
    uncorrected_total_mwh  NUMERIC       NOT NULL,
    correctable_mwh        NUMERIC       NOT NULL,
    unallocated_mwh        NUMERIC       NOT NULL,
    published_residual_mwh NUMERIC       NOT NULL,
    flags                  TEXT[]        NOT NULL DEFAULT '{}',
    PRIMARY KEY (run_id, gsp_group, settlement_period, gcf_type),
    FOREIGN KEY (run_id, gsp_group) REFERENCES run_partition (run_id, gsp_group)
);

COMMENT ON TABLE gsp_group_correction IS 'GSP group correction factor and take per settlement period.';
COMMENT ON COLUMN gsp_group_correction.gcf IS 'GSP Group Correction Factor, 9 dp (rounding step R2).';
COMMENT ON COLUMN gsp_group_correction.gsp_group_take_mwh IS 'GSP group take, MWh, signed.';
COMMENT ON COLUMN gsp_group_correction.uncorrected_total_mwh IS 'Total uncorrected volume T, exact, MWh.';
COMMENT ON COLUMN gsp_group_correction.correctable_mwh IS 'Correctable volume D (sum of W x UC), exact, MWh.';
COMMENT ON COLUMN gsp_group_correction.unallocated_mwh IS 'Take less the exact corrected total, MWh.';
COMMENT ON COLUMN gsp_group_correction.published_residual_mwh IS 'Take less the sum of published volumes, MWh.';
COMMENT ON COLUMN gsp_group_correction.flags IS 'CF_UNDEFINED, CF_OUT_OF_RANGE, TAKE_ESTIMATED.';

CREATE TABLE data_quality (
    run_id            BIGINT      NOT NULL,
    gsp_group         VARCHAR(2)  NOT NULL,
    settlement_period SMALLINT    NOT NULL CHECK (settlement_period BETWEEN 0 AND 50),
    measure           VARCHAR(40) NOT NULL,
    count             BIGINT      NOT NULL CHECK (count >= 0),
    mwh               NUMERIC     NOT NULL,
    PRIMARY KEY (run_id, gsp_group, settlement_period, measure),
    FOREIGN KEY (run_id, gsp_group) REFERENCES run_partition (run_id, gsp_group)
);

COMMENT ON TABLE data_quality IS
    'Data-quality counts per run, GSP group and period (period 0: the whole date), by measure.';
COMMENT ON COLUMN data_quality.measure IS
    'What is counted (engine DataQualityMeasure): ACTUAL, SUBMITTED_ESTIMATE, DEFAULTED_*, QUARANTINED_*, ...';
COMMENT ON COLUMN data_quality.count IS 'Metering systems (rows for quarantine, superseded and after-cut-off).';
COMMENT ON COLUMN data_quality.mwh IS 'Energy at the meter, MWh magnitude, exact.';

CREATE TABLE calculation_issue (
    run_id            BIGINT      NOT NULL,
    gsp_group         VARCHAR(2)  NOT NULL,
    issue_number      INTEGER     NOT NULL CHECK (issue_number >= 1),
    code              VARCHAR(40) NOT NULL,
    mpan              BIGINT,
    settlement_period SMALLINT    NOT NULL CHECK (settlement_period BETWEEN 0 AND 50),
    message           TEXT        NOT NULL,
    PRIMARY KEY (run_id, gsp_group, issue_number),
    FOREIGN KEY (run_id, gsp_group) REFERENCES run_partition (run_id, gsp_group)
);

CREATE INDEX calculation_issue_code_ix ON calculation_issue (run_id, code);

COMMENT ON TABLE calculation_issue IS
    'Data-quality issues found by the calculation, as data (engine CalculationIssue), in the engine''s order.';
COMMENT ON COLUMN calculation_issue.issue_number IS 'Position of the issue in the partition''s result, from 1.';
COMMENT ON COLUMN calculation_issue.settlement_period IS 'Settlement period, or 0 for the whole date.';
