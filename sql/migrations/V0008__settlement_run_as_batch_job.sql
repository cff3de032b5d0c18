-- A settlement run is a Spring Batch job (job "settlementRun", identifying parameter run.id = settlement_run.run_id):
-- prepare, one partition step execution per GSP group (or group of GSP groups), publish. A failed run is restarted
-- (gbsettle restart --run ID): Spring Batch runs again only the partitions that did not complete, so the restarted
-- run must read exactly the inputs of the first attempt. The run therefore pins, when it is created, the highest
-- reference load version and meter-data file id it may read.

ALTER TABLE settlement_run
    ADD COLUMN reference_load_max   BIGINT NOT NULL DEFAULT 0 CHECK (reference_load_max >= 0),
    ADD COLUMN meter_data_file_max  BIGINT NOT NULL DEFAULT 0 CHECK (meter_data_file_max >= 0),
    ADD COLUMN attempts             INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);

COMMENT ON COLUMN settlement_run.reference_load_max IS
    'The highest reference load version the run reads (the latest when it was created): a restart reads the same.';
COMMENT ON COLUMN settlement_run.meter_data_file_max IS
    'The highest meter_data_file id the run reads (the latest when it was created): a restart reads the same files.';
COMMENT ON COLUMN settlement_run.attempts IS 'Job executions of the run: 1, plus one per restart.';

ALTER TABLE run_partition
    ADD COLUMN attempts       INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    ADD COLUMN input_manifest JSONB;

COMMENT ON COLUMN run_partition.attempts IS 'Times the partition was calculated: 1, plus one per restart that redid it.';
COMMENT ON COLUMN run_partition.input_manifest IS
    'The reference load versions and the GSP group take (CDCA run) the partition read; part of the run''s manifest.';
