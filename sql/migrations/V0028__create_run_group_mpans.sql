-- The MPANs of each GSP group of a run registered on its date, as the run's preparation found them from the reference
-- data the run pinned (issue 8): written by prepare when the run's partitions go to worker JVMs
-- (gbsettle.partitioning.mode=remote), so that a worker builds the run's day from them (which group reads which row
-- group, which rows are registered in no group) instead of reading every group's registrations again; a worker then
-- reads only the registrations of the groups it calculates. Derived data, dropped when the run completes.

CREATE TABLE run_group_mpans (
    run_id           BIGINT     NOT NULL,
    gsp_group        VARCHAR(2) NOT NULL,
    metering_systems INTEGER    NOT NULL CHECK (metering_systems >= 0),
    mpans            BYTEA      NOT NULL,
    PRIMARY KEY (run_id, gsp_group),
    FOREIGN KEY (run_id, gsp_group) REFERENCES run_partition (run_id, gsp_group) ON DELETE CASCADE
);

COMMENT ON TABLE run_group_mpans IS
    'The distinct MPANs of each GSP group of a run registered on its date, for its remote workers; dropped at completion.';
COMMENT ON COLUMN run_group_mpans.mpans IS
    'Ascending MPAN cores: magic GBMP, format version, deflated count and varint deltas, CRC-32C (jobs SharedRunDay).';
