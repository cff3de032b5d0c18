-- Run events (issue 9 item 2): a transactional outbox and each subscriber's delivery state.
--
-- event_outbox: one row per run lifecycle or result event, inserted in the same transaction as the state change it
-- reports (run created, held, completed, superseded, failed, supplier volumes available), so an event exists iff its
-- state change committed. Writers take a transaction-scoped advisory lock before inserting (EventOutbox.LOCK_KEY), so
-- sequence order is commit order: a dispatcher that has seen sequence n never later finds a smaller one committed.
-- event_delivery: per configured subscriber and event, whether it was delivered, the attempts, the next attempt
-- (exponential backoff) and the last error. A dispatcher claims the oldest undelivered event of a subscriber with
-- FOR UPDATE SKIP LOCKED, so two serve instances never send the same event at once, and events go out in sequence
-- order per subscriber (jobs/README.md, "Subscribing to run events").

CREATE TABLE event_outbox (
    sequence    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    UUID        NOT NULL UNIQUE,
    type        TEXT        NOT NULL,
    source      TEXT        NOT NULL,
    subject     TEXT        NOT NULL,
    time        TIMESTAMPTZ NOT NULL,
    data        JSONB       NOT NULL,
    run_id      BIGINT      REFERENCES settlement_run (run_id)
);

CREATE INDEX event_outbox_run_ix ON event_outbox (run_id, sequence);

COMMENT ON TABLE event_outbox IS
    'Run lifecycle and result events, written in the transaction of the state change they report; delivered as '
    'CloudEvents to the subscribers of gbsettle.events.subscribers.';
COMMENT ON COLUMN event_outbox.sequence IS 'Commit order of the events (writers serialise on an advisory lock).';
COMMENT ON COLUMN event_outbox.event_id IS 'The CloudEvents id (ce-id): consumers de-duplicate by it.';
COMMENT ON COLUMN event_outbox.type IS 'The CloudEvents type, e.g. org.gbsettle.run.completed.v1.';
COMMENT ON COLUMN event_outbox.source IS 'The CloudEvents source (gbsettle.events.source, default /gbsettle).';
COMMENT ON COLUMN event_outbox.subject IS 'The CloudEvents subject: runs/<run id>, or schedule/<date>/<type>.';
COMMENT ON COLUMN event_outbox.time IS 'When the state change happened (its transaction''s clock).';
COMMENT ON COLUMN event_outbox.data IS 'The event data (JSON Schema in jobs/src/main/resources/schemas/events).';
COMMENT ON COLUMN event_outbox.run_id IS 'The run the event is about; null for a held timetabled run (no run yet).';

CREATE TABLE event_delivery (
    subscriber      TEXT        NOT NULL,
    sequence        BIGINT      NOT NULL REFERENCES event_outbox (sequence),
    attempts        INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error      TEXT,
    delivered_at    TIMESTAMPTZ,
    PRIMARY KEY (subscriber, sequence)
);

CREATE INDEX event_delivery_pending_ix ON event_delivery (subscriber, sequence) WHERE delivered_at IS NULL;

COMMENT ON TABLE event_delivery IS
    'Delivery of each outbox event to each configured subscriber: at least once, in sequence order per subscriber.';
COMMENT ON COLUMN event_delivery.subscriber IS 'The subscriber''s name (gbsettle.events.subscribers[n].name, or its URL).';
COMMENT ON COLUMN event_delivery.attempts IS 'POSTs tried so far.';
COMMENT ON COLUMN event_delivery.next_attempt_at IS 'Not tried again before this (exponential backoff after a failure).';
COMMENT ON COLUMN event_delivery.last_error IS 'Why the last attempt failed (HTTP status and body, or the I/O error).';
COMMENT ON COLUMN event_delivery.delivered_at IS 'When the subscriber answered 2xx; null while undelivered.';
