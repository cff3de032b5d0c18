-- Meter-data ingest (issue 3 item 3): a delivered file that cannot be read (corrupt, truncated, not Parquet, or a
-- schema that breaks the contract) is recorded too, as REJECTED with its message, so that the delivery is on record
-- and a re-delivery of the same bytes is recognised. Every settlement date with accepted rows is listed, for the
-- runs' "files holding date D received before the cut-off".

ALTER TABLE meter_data_file
    ADD COLUMN status           VARCHAR(8) NOT NULL DEFAULT 'ACCEPTED',
    ADD COLUMN message          TEXT,
    ADD COLUMN settlement_dates DATE[]     NOT NULL DEFAULT '{}',
    ALTER COLUMN layout DROP NOT NULL,
    ADD CONSTRAINT meter_data_file_status_ck CHECK (status IN ('ACCEPTED', 'REJECTED')),
    ADD CONSTRAINT meter_data_file_rejected_ck CHECK (
        (status = 'ACCEPTED' AND message IS NULL AND layout IS NOT NULL)
        OR (status = 'REJECTED' AND message IS NOT NULL AND rows_read = 0 AND settlement_dates = '{}'));

CREATE INDEX meter_data_file_settlement_dates_ix ON meter_data_file USING GIN (settlement_dates);

COMMENT ON COLUMN meter_data_file.status IS
    'ACCEPTED: read, its rows accepted or quarantined; REJECTED: unreadable or a schema error, no row used.';
COMMENT ON COLUMN meter_data_file.message IS 'Why a REJECTED file could not be used.';
COMMENT ON COLUMN meter_data_file.settlement_dates IS 'Every settlement date of the file''s accepted rows, ascending.';
COMMENT ON COLUMN meter_data_file.registered_at IS 'When the file was ingested (registered).';
