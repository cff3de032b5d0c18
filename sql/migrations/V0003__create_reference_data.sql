-- Reference data (domain.md §6), effective-dated and versioned per load (architecture.md §3 principle 7).
-- Every row belongs to one reference load (load_version). Effective ranges are inclusive settlement dates; a null
-- effective_to is open-ended. Overlapping ranges for one key are rejected by the loader (REFDATA_CONFLICT), which
-- checks them with the engine's rules before anything is written; nothing is ever half-loaded (one transaction per
-- load). Codes follow the files' column names, so each table maps one to one onto its file.

CREATE TABLE reference_load (
    load_version BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    loaded_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    loaded_by    TEXT        NOT NULL,
    description  TEXT        NOT NULL DEFAULT ''
);

COMMENT ON TABLE reference_load IS
    'One load of reference files, all or nothing; runs record the load versions they read.';

CREATE TABLE reference_load_file (
    load_version BIGINT   NOT NULL REFERENCES reference_load (load_version),
    file_name    TEXT     NOT NULL,
    file_kind    TEXT     NOT NULL,
    sha256       CHAR(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes   BIGINT   NOT NULL CHECK (size_bytes >= 0),
    rows_loaded  BIGINT   NOT NULL CHECK (rows_loaded >= 0),
    PRIMARY KEY (load_version, file_name)
);

COMMENT ON TABLE reference_load_file IS 'The files of a reference load, with their SHA-256 checksums (hex).';
COMMENT ON COLUMN reference_load_file.file_kind IS
    'What the file holds: gsp_groups, ccc, scaling_weights, bsc_parties, bm_units, llf (D0265), gsp_group_take '
    '(CDCA-I029), registrations, profile_coefficients, hh_default_eac.';

-- §6.1 gsp_groups.csv
CREATE TABLE gsp_group (
    load_version           BIGINT      NOT NULL REFERENCES reference_load (load_version),
    gsp_group_id           VARCHAR(2)  NOT NULL CHECK (gsp_group_id ~ '^_[A-HJ-NP]$'),
    name                   VARCHAR(30) NOT NULL,
    distributor_short_code VARCHAR(2)  NOT NULL,
    dno_mpid               VARCHAR(4)  NOT NULL,
    PRIMARY KEY (load_version, gsp_group_id)
);

-- §6.2 ccc.csv
CREATE TABLE ccc (
    load_version        BIGINT     NOT NULL REFERENCES reference_load (load_version),
    ccc_id              INTEGER    NOT NULL CHECK (ccc_id BETWEEN 1 AND 9999),
    mq                  VARCHAR(2) NOT NULL CHECK (mq IN ('AI', 'AE')),
    hh_nhh              VARCHAR(1) NOT NULL CHECK (hh_nhh IN ('H', 'N')),
    metered             VARCHAR(1) NOT NULL CHECK (metered IN ('M', 'U')),
    component           VARCHAR(1) NOT NULL CHECK (component IN ('C', 'M', 'L')),
    actual_estimated    VARCHAR(3) NOT NULL,
    measurement_classes TEXT,
    description         TEXT       NOT NULL,
    effective_from      DATE       NOT NULL,
    effective_to        DATE,
    PRIMARY KEY (load_version, ccc_id, effective_from),
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

COMMENT ON COLUMN ccc.measurement_classes IS 'Measurement classes (A-G) the CCC applies to, separated by ;.';

-- §6.2 scaling_weights.csv
CREATE TABLE scaling_weight (
    load_version   BIGINT  NOT NULL REFERENCES reference_load (load_version),
    ccc_id         INTEGER NOT NULL CHECK (ccc_id BETWEEN 1 AND 9999),
    weight         NUMERIC NOT NULL CHECK (weight >= 0),
    effective_from DATE    NOT NULL,
    effective_to   DATE,
    PRIMARY KEY (load_version, ccc_id, effective_from),
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

COMMENT ON COLUMN scaling_weight.weight IS
    'GSP Group Correction Scaling Weight of the CCC: its share of the correction, 0 none, 1 full.';

-- §6.5 bsc_parties.csv
CREATE TABLE bsc_party (
    load_version   BIGINT      NOT NULL REFERENCES reference_load (load_version),
    party_id       VARCHAR(8)  NOT NULL,
    participant_id VARCHAR(4)  NOT NULL,
    role_code      VARCHAR(1)  NOT NULL,
    name           TEXT        NOT NULL,
    effective_from DATE        NOT NULL,
    effective_to   DATE,
    PRIMARY KEY (load_version, participant_id, role_code, effective_from),
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

-- §6.5 bm_units.csv
CREATE TABLE bm_unit (
    load_version            BIGINT      NOT NULL REFERENCES reference_load (load_version),
    bm_unit_id              VARCHAR(11) NOT NULL,
    supplier_participant_id VARCHAR(4)  NOT NULL,
    lead_party_id           VARCHAR(8)  NOT NULL,
    gsp_group_id            VARCHAR(2)  NOT NULL CHECK (gsp_group_id ~ '^_[A-HJ-NP]$'),
    bm_unit_type            VARCHAR(1)  NOT NULL,
    default_flag            BOOLEAN     NOT NULL,
    effective_from          DATE        NOT NULL,
    effective_to            DATE,
    PRIMARY KEY (load_version, bm_unit_id, effective_from),
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

CREATE INDEX bm_unit_group_ix ON bm_unit (load_version, gsp_group_id, supplier_participant_id);

-- §6.3 D0265 line loss factors, normalised
CREATE TABLE llf (
    load_version      BIGINT       NOT NULL REFERENCES reference_load (load_version),
    distributor_mpid  VARCHAR(4)   NOT NULL,
    llfc              VARCHAR(3)   NOT NULL,
    settlement_date   DATE         NOT NULL,
    settlement_period SMALLINT     NOT NULL CHECK (settlement_period BETWEEN 1 AND 50),
    llf               NUMERIC(7,6) NOT NULL CHECK (llf >= 0 AND llf <= 9),
    source_file       TEXT         NOT NULL,
    PRIMARY KEY (load_version, distributor_mpid, llfc, settlement_date, settlement_period)
);

CREATE INDEX llf_date_ix ON llf (load_version, settlement_date);

COMMENT ON TABLE llf IS 'Line loss factors per LDSO, LLFC, settlement date and period (D0265 files).';
COMMENT ON COLUMN llf.llf IS 'Line loss factor: energy at the transmission boundary per unit at the meter.';

-- §6.4 CDCA-I029 GSP group take
CREATE TABLE gsp_group_take (
    load_version      BIGINT        NOT NULL REFERENCES reference_load (load_version),
    gsp_group_id      VARCHAR(2)    NOT NULL CHECK (gsp_group_id ~ '^_[A-HJ-NP]$'),
    settlement_date   DATE          NOT NULL,
    settlement_period SMALLINT      NOT NULL CHECK (settlement_period BETWEEN 1 AND 50),
    cdca_run_type     VARCHAR(2)    NOT NULL REFERENCES run_type (run_type),
    cdca_run_number   INTEGER       NOT NULL CHECK (cdca_run_number >= 0),
    aggregation_date  DATE          NOT NULL,
    take_mwh          NUMERIC(14,4) NOT NULL,
    estimated         BOOLEAN       NOT NULL,
    source_file       TEXT          NOT NULL,
    PRIMARY KEY (load_version, gsp_group_id, settlement_date, cdca_run_type, cdca_run_number, settlement_period)
);

COMMENT ON TABLE gsp_group_take IS 'GSP group take per period from the CDCA (CDCA-I029 AGV/AGP records).';
COMMENT ON COLUMN gsp_group_take.take_mwh IS 'GSP group take, MWh, signed: + import into the group, - export.';
COMMENT ON COLUMN gsp_group_take.estimated IS 'The CDCA estimate flag of the period.';

-- §6.6 registrations: one row per metering system per effective range
CREATE TABLE registration (
    load_version            BIGINT        NOT NULL REFERENCES reference_load (load_version),
    mpan_core               BIGINT        NOT NULL CHECK (mpan_core > 0 AND mpan_core < 10000000000000),
    supplier_participant_id VARCHAR(4)    NOT NULL,
    bm_unit_id              VARCHAR(11),
    distributor_short_code  VARCHAR(2)    NOT NULL,
    distributor_mpid        VARCHAR(4)    NOT NULL,
    llfc                    VARCHAR(3)    NOT NULL,
    gsp_group_id            VARCHAR(2)    NOT NULL CHECK (gsp_group_id ~ '^_[A-HJ-NP]$'),
    measurement_class       VARCHAR(1)    NOT NULL CHECK (measurement_class ~ '^[A-G]$'),
    market_segment          VARCHAR(1)    CHECK (market_segment IN ('S', 'A', 'U')),
    connection_type         VARCHAR(1)    NOT NULL CHECK (connection_type IN ('W', 'C')),
    domestic                BOOLEAN       NOT NULL,
    energisation            VARCHAR(1)    NOT NULL CHECK (energisation IN ('E', 'D')),
    energy_direction        VARCHAR(1)    NOT NULL CHECK (energy_direction IN ('I', 'E')),
    settlement_regime       VARCHAR(6)    NOT NULL CHECK (settlement_regime IN ('LEGACY', 'MHHS')),
    annual_consumption_kwh  NUMERIC(14,1),
    profile_class           SMALLINT      CHECK (profile_class BETWEEN 1 AND 8),
    ssc                     VARCHAR(4),
    effective_from          DATE          NOT NULL,
    effective_to            DATE,
    PRIMARY KEY (load_version, mpan_core, effective_from),
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

CREATE INDEX registration_group_ix ON registration (load_version, gsp_group_id, mpan_core);

COMMENT ON TABLE registration IS 'Metering system registrations (domain.md §6.6), one row per MPAN per effective range.';
COMMENT ON COLUMN registration.mpan_core IS 'MPAN core, 13 digits with a valid check digit.';
COMMENT ON COLUMN registration.bm_unit_id IS 'Null: the supplier''s default BM unit in the GSP group.';
COMMENT ON COLUMN registration.annual_consumption_kwh IS 'Annual consumption or EAC, kWh per year, may be negative.';

-- §5 / §6.6 profile_coefficients.csv (legacy D0018 source, an assumption)
CREATE TABLE profile_coefficient (
    load_version      BIGINT     NOT NULL REFERENCES reference_load (load_version),
    gsp_group_id      VARCHAR(2) NOT NULL CHECK (gsp_group_id ~ '^_[A-HJ-NP]$'),
    profile_class     SMALLINT   NOT NULL CHECK (profile_class BETWEEN 1 AND 8),
    ssc               VARCHAR(4) NOT NULL,
    tpr               VARCHAR(5) NOT NULL,
    settlement_date   DATE       NOT NULL,
    settlement_period SMALLINT   NOT NULL CHECK (settlement_period BETWEEN 1 AND 50),
    coefficient       NUMERIC    NOT NULL CHECK (coefficient >= 0),
    PRIMARY KEY (load_version, gsp_group_id, profile_class, ssc, tpr, settlement_date, settlement_period)
);

COMMENT ON COLUMN profile_coefficient.coefficient IS 'Fraction of yearly consumption within the settlement period.';

-- §6.6 hh_default_eac.csv
CREATE TABLE hh_default_eac (
    load_version      BIGINT        NOT NULL REFERENCES reference_load (load_version),
    measurement_class VARCHAR(1)    NOT NULL CHECK (measurement_class ~ '^[A-G]$'),
    eac_kwh           NUMERIC(14,1) NOT NULL,
    effective_from    DATE          NOT NULL,
    effective_to      DATE,
    PRIMARY KEY (load_version, measurement_class, effective_from),
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

COMMENT ON COLUMN hh_default_eac.eac_kwh IS 'HH Default EAC of the measurement class, kWh per year.';
