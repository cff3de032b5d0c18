-- The explained run-to-run diff (issue 6, `gbsettle diff`): the change in corrected volume from an earlier run B
-- (against_run_id) to a later run A (run_id) of the same settlement date, at the grain of supplier_volume (GSP group,
-- supplier, BM unit, CCC, settlement period), attributed to causes by sequential substitution (recomputing each GSP
-- group with B's inputs swapped for A's one kind at a time: meter data, registrations, LLFs, other reference data,
-- the take; see org.gbsettle.jobs.diff.GroupAttribution). MWh, SVA sign, 4 dp. The parts are the exact parts rounded
-- HALF_UP to 4 dp; rounding_mwh is the total change less their sum, so every row adds up exactly (checked). A diff
-- of the same two runs is replaced in one transaction.

CREATE TABLE run_diff (
    run_id                BIGINT        NOT NULL REFERENCES settlement_run (run_id),
    against_run_id        BIGINT        NOT NULL REFERENCES settlement_run (run_id),
    gsp_group             VARCHAR(2)    NOT NULL,
    supplier_id           VARCHAR(4)    NOT NULL,
    bm_unit_id            VARCHAR(11)   NOT NULL,
    ccc_id                INTEGER       NOT NULL,
    settlement_period     SMALLINT      NOT NULL CHECK (settlement_period BETWEEN 1 AND 50),
    against_mwh           NUMERIC(14,4) NOT NULL,
    run_mwh               NUMERIC(14,4) NOT NULL,
    total_change_mwh      NUMERIC(14,4) NOT NULL,
    meter_actual_mwh      NUMERIC(14,4) NOT NULL,
    meter_late_mwh        NUMERIC(14,4) NOT NULL,
    meter_other_mwh       NUMERIC(14,4) NOT NULL,
    registration_mwh      NUMERIC(14,4) NOT NULL,
    llf_mwh               NUMERIC(14,4) NOT NULL,
    other_reference_mwh   NUMERIC(14,4) NOT NULL,
    take_mwh              NUMERIC(14,4) NOT NULL,
    correction_factor_mwh NUMERIC(14,4) NOT NULL,
    rounding_mwh          NUMERIC(14,4) NOT NULL,
    main_cause            VARCHAR(20),
    PRIMARY KEY (run_id, against_run_id, gsp_group, bm_unit_id, ccc_id, settlement_period),
    CHECK (total_change_mwh = run_mwh - against_mwh),
    CHECK (total_change_mwh = meter_actual_mwh + meter_late_mwh + meter_other_mwh + registration_mwh + llf_mwh
                              + other_reference_mwh + take_mwh + correction_factor_mwh + rounding_mwh)
);

CREATE INDEX run_diff_supplier_ix ON run_diff (run_id, against_run_id, supplier_id);

COMMENT ON TABLE run_diff IS
    'Change in corrected volume from run against_run_id to run run_id per GSP group, supplier, BM unit, CCC and'
    ' period, with its parts per cause (MWh, 4 dp); the parts plus rounding_mwh equal total_change_mwh.';
COMMENT ON COLUMN run_diff.against_mwh IS 'Corrected volume published by the earlier run (0 without a row), MWh.';
COMMENT ON COLUMN run_diff.run_mwh IS 'Corrected volume published by the later run (0 without a row), MWh.';
COMMENT ON COLUMN run_diff.total_change_mwh IS 'run_mwh - against_mwh.';
COMMENT ON COLUMN run_diff.meter_actual_mwh IS
    'Step 1a: values the earlier run had only estimated (or defaulted) and the later has an actual for.';
COMMENT ON COLUMN run_diff.meter_late_mwh IS 'Step 1b: values the earlier run had no row for (late data).';
COMMENT ON COLUMN run_diff.meter_other_mwh IS 'Step 1c: other changed meter values.';
COMMENT ON COLUMN run_diff.registration_mwh IS
    'Step 2: registrations (supplier, LLFC, BM unit...), with BM units and BSC parties.';
COMMENT ON COLUMN run_diff.llf_mwh IS 'Step 3: line loss factors.';
COMMENT ON COLUMN run_diff.other_reference_mwh IS
    'Step 4: other reference data (CCCs, scaling weights, profile coefficients, HH default EACs).';
COMMENT ON COLUMN run_diff.take_mwh IS 'Step 5: the GSP group take (acts through the correction factor).';
COMMENT ON COLUMN run_diff.correction_factor_mwh IS
    'The correction factor moving in steps 1-4: sum of U1 x (F1 - F0) over those steps.';
COMMENT ON COLUMN run_diff.rounding_mwh IS
    'Total change less the sum of the rounded parts: publication rounding (R3, R4) and the parts'' rounding.';
COMMENT ON COLUMN run_diff.main_cause IS 'The part largest in magnitude (METER_ACTUAL, ..., CORRECTION_FACTOR).';

CREATE TABLE run_diff_summary (
    run_id                BIGINT        NOT NULL REFERENCES settlement_run (run_id),
    against_run_id        BIGINT        NOT NULL REFERENCES settlement_run (run_id),
    gsp_group             VARCHAR(2)    NOT NULL,
    supplier_id           VARCHAR(4)    NOT NULL,
    against_mwh           NUMERIC(16,4) NOT NULL,
    run_mwh               NUMERIC(16,4) NOT NULL,
    total_change_mwh      NUMERIC(16,4) NOT NULL,
    meter_actual_mwh      NUMERIC(16,4) NOT NULL,
    meter_late_mwh        NUMERIC(16,4) NOT NULL,
    meter_other_mwh       NUMERIC(16,4) NOT NULL,
    registration_mwh      NUMERIC(16,4) NOT NULL,
    llf_mwh               NUMERIC(16,4) NOT NULL,
    other_reference_mwh   NUMERIC(16,4) NOT NULL,
    take_mwh              NUMERIC(16,4) NOT NULL,
    correction_factor_mwh NUMERIC(16,4) NOT NULL,
    rounding_mwh          NUMERIC(16,4) NOT NULL,
    main_cause            VARCHAR(20),
    PRIMARY KEY (run_id, against_run_id, gsp_group, supplier_id),
    CHECK (total_change_mwh = meter_actual_mwh + meter_late_mwh + meter_other_mwh + registration_mwh + llf_mwh
                              + other_reference_mwh + take_mwh + correction_factor_mwh + rounding_mwh)
);

COMMENT ON TABLE run_diff_summary IS
    'run_diff summed per GSP group and supplier over BM units, CCCs and periods (MWh); the parts add up exactly.';
