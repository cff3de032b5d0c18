-- The durable run queue (issue 7): a run requested over HTTP (POST /runs) is a row here until a queue worker of a
-- `serve` process takes it; the scheduler's due runs pass through it too (a row written as TAKEN while the scheduler
-- runs them). Taken with FOR UPDATE SKIP LOCKED in timetable order (planned_day, settlement_date, type_rank,
-- queue_id), so several serve processes share the work and a queued request survives a restart.
--
-- Exactly one request of a settlement date and run type may be QUEUED or TAKEN at a time: the partial unique index
-- refuses a second (POST /runs answers 409 naming the first). A TAKEN row is alive while the run lock of its date and
-- type (RunLocks, a session advisory lock) is held: the taker takes the lock before it marks the row TAKEN and
-- releases it only after marking it ended, so a TAKEN row whose lock nobody holds was left by a process that died.

CREATE TABLE run_queue (
    queue_id        BIGSERIAL    PRIMARY KEY,
    settlement_date DATE         NOT NULL,
    run_type        VARCHAR(2)   NOT NULL REFERENCES run_type (run_type),
    data_cutoff     TIMESTAMPTZ,
    started_by      TEXT         NOT NULL CHECK (btrim(started_by) <> ''),
    reason          TEXT         NOT NULL,
    forced          BOOLEAN      NOT NULL DEFAULT FALSE,
    planned_day     DATE         NOT NULL,
    type_rank       INTEGER      NOT NULL,
    state           TEXT         NOT NULL DEFAULT 'QUEUED'
                    CHECK (state IN ('QUEUED', 'TAKEN', 'DONE', 'FAILED', 'REFUSED', 'ABANDONED')),
    requested_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    taken_by        TEXT,
    taken_at        TIMESTAMPTZ,
    ended_at        TIMESTAMPTZ,
    run_id          BIGINT       REFERENCES settlement_run (run_id) ON DELETE SET NULL,
    detail          TEXT         NOT NULL DEFAULT 'queued'
);

COMMENT ON TABLE run_queue IS
    'Requested settlement runs, taken by serve''s queue workers in timetable order (jobs/README.md, "The run queue").';
COMMENT ON COLUMN run_queue.planned_day IS
    'The day the run timetable plans the run of this date and type (WD+n), else the day requested: the first sort key.';
COMMENT ON COLUMN run_queue.type_rank IS 'The run type''s rank (II 0 ... DF 6; D and DR with DF): the third sort key.';
COMMENT ON COLUMN run_queue.state IS
    'QUEUED, TAKEN (running), DONE (run COMPLETE), FAILED (run failed), REFUSED (not run: detail says why), '
    'ABANDONED (its process died mid-run: the run is left to recovery).';

CREATE UNIQUE INDEX run_queue_one_active ON run_queue (settlement_date, run_type) WHERE state IN ('QUEUED', 'TAKEN');
CREATE INDEX run_queue_order ON run_queue (planned_day, settlement_date, type_rank, queue_id) WHERE state = 'QUEUED';
