-- Analyst views: the contract for queries outside the code (architecture.md §4). Versioned names (_v1): a change
-- that removes or renames a column is a new _v2 view next to the old one, never an edit of a published view.
-- Repeatable migration: Flyway runs it again whenever this file changes, after all versioned migrations.

-- The authoritative run per settlement date and GSP group (domain.md §3): among COMPLETE runs with a COMPLETE
-- partition for the group, the highest run-type rank (II < SF < R1 < R2 < R3 < RF < DF; D and DR rank with DF), then
-- the highest run number; should two runs still tie (DF, D and DR share a rank), the later completion, then the
-- larger run id.
CREATE OR REPLACE VIEW settlement_run_latest_v1 AS
SELECT DISTINCT ON (r.settlement_date, p.gsp_group)
       r.settlement_date,
       p.gsp_group,
       r.run_id,
       r.run_type,
       r.run_number,
       r.data_cutoff,
       r.completed_at,
       r.output_fingerprint
  FROM settlement_run r
  JOIN run_type t ON t.run_type = r.run_type
  JOIN run_partition p ON p.run_id = r.run_id
 WHERE r.status = 'COMPLETE'
   AND p.status = 'COMPLETE'
 ORDER BY r.settlement_date, p.gsp_group, t.run_rank DESC, r.run_number DESC, r.completed_at DESC, r.run_id DESC;

COMMENT ON VIEW settlement_run_latest_v1 IS
    'The authoritative (latest completed) settlement run per settlement date and GSP group.';

-- BM unit allocated volumes of the authoritative run per settlement date and GSP group, with the UTC start of each
-- settlement period: local midnight of the date in Europe/London plus 30 minutes per period before it, so the
-- clock-change days come out right (2026-03-29 period 3 starts at 01:00Z; 2026-10-25 period 5 at 01:00Z).
CREATE OR REPLACE VIEW settlement_volume_latest_v1 AS
SELECT l.settlement_date,
       l.gsp_group,
       v.settlement_period,
       (l.settlement_date::timestamp AT TIME ZONE 'Europe/London')
           + (v.settlement_period - 1) * INTERVAL '30 minutes' AS period_start_utc,
       v.supplier_id,
       v.bm_unit_id,
       v.bmuadv_mwh,
       l.run_id,
       l.run_type,
       l.run_number,
       l.data_cutoff,
       l.completed_at
  FROM settlement_run_latest_v1 l
  JOIN bm_unit_volume v ON v.run_id = l.run_id AND v.gsp_group = l.gsp_group;

COMMENT ON VIEW settlement_volume_latest_v1 IS
    'BM Unit Allocated Demand Volume (MWh, SVA sign) per settlement date, GSP group, BM unit and period, '
    'from the authoritative run of each date and group.';

-- Every run with its state, partitions and how many GSP groups it is the authoritative run for.
CREATE OR REPLACE VIEW settlement_run_history_v1 AS
SELECT r.run_id,
       r.settlement_date,
       r.run_type,
       t.run_rank,
       r.run_number,
       r.status,
       r.data_cutoff,
       r.started_by,
       r.reason,
       r.created_at,
       r.completed_at,
       r.completed_at - r.created_at AS duration,
       r.failure_message,
       r.engine_version,
       r.input_fingerprint,
       r.output_fingerprint,
       count(p.gsp_group) AS gsp_groups,
       count(p.gsp_group) FILTER (WHERE p.status = 'COMPLETE') AS gsp_groups_complete,
       (SELECT count(*) FROM settlement_run_latest_v1 l WHERE l.run_id = r.run_id) AS gsp_groups_authoritative,
       r.attempts
  FROM settlement_run r
  JOIN run_type t ON t.run_type = r.run_type
  LEFT JOIN run_partition p ON p.run_id = r.run_id
 GROUP BY r.run_id, t.run_rank;

COMMENT ON VIEW settlement_run_history_v1 IS
    'Every settlement run with its status, partitions and the GSP groups it is authoritative for.';
