-- Inbound half-hourly consumption messages (issue 9 item 1): each accepted message is staged here, keyed by its
-- message id, with its receipt time, in the transaction that acknowledges it; a flusher then writes staged messages
-- to the meter-data store as Parquet files in bounded batches (inbound_batch), registered through the ingest like any
-- delivered file. A batch is fixed (its messages claimed) before its file is written, so a re-flush after a crash
-- writes the same bytes again and finds the file already registered: no row is lost or doubled.

CREATE TABLE inbound_batch (
    batch_id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    message_count INTEGER     NOT NULL CHECK (message_count >= 1),
    row_count     BIGINT      NOT NULL CHECK (row_count >= 1),
    file_path     TEXT,
    file_id       BIGINT REFERENCES meter_data_file (file_id),
    flushed_at    TIMESTAMPTZ,
    CONSTRAINT inbound_batch_flushed_ck CHECK ((file_id IS NULL) = (flushed_at IS NULL))
);

CREATE INDEX inbound_batch_pending_ix ON inbound_batch (batch_id) WHERE file_id IS NULL;

COMMENT ON TABLE inbound_batch IS
    'A batch of staged messages written to one meter-data Parquet file; file_id null until the file is registered.';

CREATE TABLE inbound_message (
    message_id           TEXT        PRIMARY KEY CHECK (length(message_id) BETWEEN 1 AND 128),
    content_sha256       CHAR(64)    NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
    sender               VARCHAR(4)  NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    schema_version       TEXT        NOT NULL,
    mpan                 BIGINT      NOT NULL,
    measurement_quantity VARCHAR(2)  NOT NULL CHECK (measurement_quantity IN ('AI', 'AE')),
    value_count          INTEGER     NOT NULL CHECK (value_count >= 1),
    received_at          TIMESTAMPTZ NOT NULL,
    received_via         VARCHAR(4)  NOT NULL CHECK (received_via IN ('HTTP', 'DROP', 'CLI')),
    batch_id             BIGINT REFERENCES inbound_batch (batch_id),
    file_id              BIGINT REFERENCES meter_data_file (file_id)
);

CREATE INDEX inbound_message_unbatched_ix ON inbound_message (received_at, message_id) WHERE batch_id IS NULL;
CREATE INDEX inbound_message_batch_ix ON inbound_message (batch_id);

COMMENT ON TABLE inbound_message IS
    'An accepted half-hourly consumption message (jobs/src/main/resources/schemas/hh-consumption-message.schema.json), staged.';
COMMENT ON COLUMN inbound_message.content_sha256 IS
    'SHA-256 of the message''s sender and payload: the same id with other content is refused.';
COMMENT ON COLUMN inbound_message.received_at IS
    'When the engine received the message: the received_at of its rows in the meter-data store (the run cut-off).';
COMMENT ON COLUMN inbound_message.file_id IS 'The meter-data file its values were flushed to; null until then.';

CREATE TABLE inbound_message_value (
    message_id       TEXT          NOT NULL REFERENCES inbound_message (message_id),
    value_index      INTEGER       NOT NULL CHECK (value_index >= 0),
    utc_period_start TIMESTAMPTZ   NOT NULL,
    kwh              NUMERIC(12,3) NOT NULL,
    quality          CHAR(1)       NOT NULL CHECK (quality IN ('A', 'E')),
    PRIMARY KEY (message_id, value_index)
);

COMMENT ON TABLE inbound_message_value IS 'The half-hourly values of a staged message, in the message''s order.';
