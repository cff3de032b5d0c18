-- The nightly scheduler's state (issue 5 item 2): one row per timetabled run (settlement date, run type) it has
-- seen due. A tick (gbsettle nightly, or serve on its cron) computes the runs due on the day and the days of its
-- look-back, skips those done or running, checks the inputs of the rest and launches them one at a time in timetable
-- order, or holds them with the reason and checks again at the next tick. Only one instance acts at a time: a tick
-- holds a PostgreSQL session advisory lock while it runs (jobs/README.md, "Running as a service").

CREATE TABLE scheduled_run (
    settlement_date  DATE        NOT NULL,
    run_type         VARCHAR(2)  NOT NULL REFERENCES run_type (run_type),
    planned_run_date DATE        NOT NULL,
    data_cutoff      TIMESTAMPTZ NOT NULL,
    state            VARCHAR(9)  NOT NULL DEFAULT 'SCHEDULED'
                                 CHECK (state IN ('SCHEDULED', 'HELD', 'LAUNCHED', 'DONE', 'FAILED')),
    reason           TEXT        NOT NULL DEFAULT '',
    run_id           BIGINT      REFERENCES settlement_run (run_id),
    attempts         INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    first_seen       TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_checked     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (settlement_date, run_type),
    CHECK (planned_run_date > settlement_date),
    CHECK (state <> 'DONE' OR run_id IS NOT NULL)
);

CREATE INDEX scheduled_run_state_ix ON scheduled_run (state, planned_run_date);

COMMENT ON TABLE scheduled_run IS
    'A timetabled settlement run as the nightly scheduler sees it: due, held (inputs incomplete), launched or done.';
COMMENT ON COLUMN scheduled_run.planned_run_date IS 'The working day the timetable plans the run on (Europe/London).';
COMMENT ON COLUMN scheduled_run.data_cutoff IS 'The timetable''s data cut-off, given to the run it launches.';
COMMENT ON COLUMN scheduled_run.state IS
    'SCHEDULED: seen, not yet checked; HELD: inputs incomplete (reason), checked again at the next tick; LAUNCHED: '
    'its run started; DONE: a run of the date and type is COMPLETE (run_id); FAILED: the run launched failed (it is '
    'not launched again: restart it, and the next tick marks it DONE).';
COMMENT ON COLUMN scheduled_run.reason IS 'Why it is held (what is missing), or what the last tick found.';
COMMENT ON COLUMN scheduled_run.run_id IS 'The run launched for it, or the COMPLETE run found.';
COMMENT ON COLUMN scheduled_run.attempts IS 'Ticks that checked its inputs (held or launched it).';
COMMENT ON COLUMN scheduled_run.first_seen IS 'When a tick first found it due.';
COMMENT ON COLUMN scheduled_run.last_checked IS 'When a tick last looked at it.';
