-- Run lifecycle (issue 5): operator reruns forced past a final run, the authority a run ever had, and housekeeping.
-- A run's state (RUNNING, ABANDONED, FAILED, COMPLETED, SUPERSEDED) is derived, not stored: from its status, the
-- PostgreSQL advisory lock its process holds while it runs, and the authoritative runs of its date
-- (settlement_run_latest_v1). Only what later runs would change the answer to is recorded here.

ALTER TABLE settlement_run
    ADD COLUMN forced             BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN was_authoritative  BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN outputs_deleted_at TIMESTAMPTZ;

COMMENT ON COLUMN settlement_run.forced IS
    'Started with --force: an ad-hoc run of a date that already had a complete run of rank RF or higher.';
COMMENT ON COLUMN settlement_run.was_authoritative IS
    'The run was the authoritative run of its date for at least one GSP group when it completed; its outputs are'
    ' never deleted by housekeeping (a later run supersedes it, but it was once published).';
COMMENT ON COLUMN settlement_run.outputs_deleted_at IS
    'When housekeeping deleted the outputs of this never-authoritative run (its run and partition rows are kept).';

-- Runs completed before this migration: whether they were ever authoritative is not known, so all are kept.
UPDATE settlement_run SET was_authoritative = true WHERE status = 'COMPLETE';
