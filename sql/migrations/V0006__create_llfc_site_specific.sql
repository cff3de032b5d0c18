-- §6.3 llfc_site_specific.csv: the LLFCs whose losses are metering-system-specific (CCC component M), per load.
CREATE TABLE llfc_site_specific (
    load_version     BIGINT     NOT NULL REFERENCES reference_load (load_version),
    distributor_mpid VARCHAR(4) NOT NULL,
    llfc             VARCHAR(3) NOT NULL,
    PRIMARY KEY (load_version, distributor_mpid, llfc)
);

COMMENT ON TABLE llfc_site_specific IS
    'Line loss factor classes carrying site-specific losses (llfc_site_specific.csv), one row per class per load.';
