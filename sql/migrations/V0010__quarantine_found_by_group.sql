-- A run reads each GSP group's meter data in that group's partition, row group by row group (those whose MPAN
-- statistics may hold one of the group's MPANs), so the rows registered in no group are found by the partitions too:
-- each such row is quarantined once, by the partition that owns its row group (the first group, in GSP group order,
-- that reads it), in the same transaction as that group's outputs. found_by_group records that partition, so that a
-- retried partition replaces exactly its own rows and a run's preparation replaces only the rows it found itself
-- (row groups that no group reads: found_by_group is null).

ALTER TABLE quarantine ADD COLUMN found_by_group VARCHAR(2) CHECK (found_by_group ~ '^_[A-HJ-NP]$');

COMMENT ON COLUMN quarantine.found_by_group IS
    'For a run''s rows registered in no GSP group (gsp_group null): the GSP group partition that read and'
    ' quarantined the row, or null if the run''s preparation did. Null for other rows.';
