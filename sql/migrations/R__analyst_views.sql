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

-- Corrected supplier volumes of the authoritative run per settlement date and GSP group: one row per supplier, BM
-- unit, CCC and settlement period with a volume (rows with a zero uncorrected volume are not stored), uncorrected
-- and corrected, with the factor applied. The supplier-level companion of settlement_volume_latest_v1.
CREATE OR REPLACE VIEW supplier_volume_latest_v1 AS
SELECT l.settlement_date,
       l.gsp_group,
       v.settlement_period,
       (l.settlement_date::timestamp AT TIME ZONE 'Europe/London')
           + (v.settlement_period - 1) * INTERVAL '30 minutes' AS period_start_utc,
       v.supplier_id,
       v.bm_unit_id,
       v.ccc_id,
       v.uncorrected_mwh,
       v.weight,
       v.factor,
       v.corrected_exact_mwh,
       v.corrected_mwh,
       l.run_id,
       l.run_type,
       l.run_number,
       l.data_cutoff,
       l.completed_at
  FROM settlement_run_latest_v1 l
  JOIN supplier_volume v ON v.run_id = l.run_id AND v.gsp_group = l.gsp_group;

COMMENT ON VIEW supplier_volume_latest_v1 IS
    'Supplier volume (MWh, SVA sign) per settlement date, GSP group, supplier, BM unit, CCC and period, uncorrected '
    'and corrected, from the authoritative run of each date and group.';

-- Which run was authoritative when, per settlement date and GSP group: every complete run with a complete partition
-- for the group, and the interval during which it was the authoritative run (as settlement_run_latest_v1 would have
-- answered at the time). A run becomes authoritative when it completes, unless a run that outranks it (the order of
-- settlement_run_latest_v1: run-type rank, run number, completion, run id) completed earlier, in which case it never
-- is; it stays authoritative until the first run that outranks it completes. authoritative_from and _to are null for
-- a run that never was; authoritative_to is null while the run still is. superseded_by_run_id: the run that ended its
-- authority, or for a run that never was, the run that was authoritative when it completed.
CREATE OR REPLACE VIEW settlement_run_authority_v1 AS
WITH complete AS (
    SELECT r.settlement_date, p.gsp_group, r.run_id, r.run_type, t.run_rank, r.run_number, r.data_cutoff,
           r.completed_at
      FROM settlement_run r
      JOIN run_type t ON t.run_type = r.run_type
      JOIN run_partition p ON p.run_id = r.run_id
     WHERE r.status = 'COMPLETE'
       AND p.status = 'COMPLETE'
)
SELECT c.settlement_date,
       c.gsp_group,
       c.run_id,
       c.run_type,
       c.run_number,
       c.data_cutoff,
       c.completed_at,
       CASE WHEN o.run_id IS NULL OR o.completed_at > c.completed_at THEN c.completed_at END AS authoritative_from,
       CASE WHEN o.completed_at > c.completed_at THEN o.completed_at END AS authoritative_to,
       CASE WHEN o.completed_at > c.completed_at THEN o.run_id ELSE a.run_id END AS superseded_by_run_id,
       o.run_id IS NULL AS is_authoritative
  FROM complete c
  LEFT JOIN LATERAL (
           -- the first run to complete of those that outrank c
           SELECT w.run_id, w.completed_at
             FROM complete w
            WHERE w.settlement_date = c.settlement_date
              AND w.gsp_group = c.gsp_group
              AND (w.run_rank, w.run_number, w.completed_at, w.run_id)
                  > (c.run_rank, c.run_number, c.completed_at, c.run_id)
            ORDER BY w.completed_at, w.run_rank DESC, w.run_number DESC, w.run_id DESC
            LIMIT 1) o ON true
  LEFT JOIN LATERAL (
           -- for a run that never was: the run that was authoritative when it completed
           SELECT w.run_id
             FROM complete w
            WHERE w.settlement_date = c.settlement_date
              AND w.gsp_group = c.gsp_group
              AND w.completed_at <= c.completed_at
              AND w.run_id <> c.run_id
            ORDER BY w.run_rank DESC, w.run_number DESC, w.completed_at DESC, w.run_id DESC
            LIMIT 1) a ON o.completed_at <= c.completed_at;

COMMENT ON VIEW settlement_run_authority_v1 IS
    'Per settlement date and GSP group, every complete run and when it was the authoritative run '
    '[authoritative_from, authoritative_to); authoritative_to null while it still is.';

-- Supplier day totals per GSP group of every run's complete partitions: the sums over BM units, CCCs and periods of
-- supplier_volume (uncorrected, corrected exact and corrected as published, split by sign into import and export)
-- and of bm_unit_volume (BMUADV). Suppliers with BM unit rows only (a unit with no volume) have zero volumes.
CREATE OR REPLACE VIEW supplier_daily_total_v1 AS
SELECT r.settlement_date,
       p.gsp_group,
       t.supplier_id,
       t.uncorrected_mwh,
       t.corrected_exact_mwh,
       t.corrected_mwh,
       t.corrected_import_mwh,
       t.corrected_export_mwh,
       t.bmuadv_mwh,
       t.bm_units,
       r.run_id,
       r.run_type,
       r.run_number,
       r.status AS run_status,
       r.data_cutoff,
       r.completed_at
  FROM settlement_run r
  JOIN run_partition p ON p.run_id = r.run_id AND p.status = 'COMPLETE'
 CROSS JOIN LATERAL (
           SELECT u.supplier_id,
                  coalesce(sum(u.uncorrected_mwh), 0) AS uncorrected_mwh,
                  coalesce(sum(u.corrected_exact_mwh), 0) AS corrected_exact_mwh,
                  coalesce(sum(u.corrected_mwh), 0) AS corrected_mwh,
                  coalesce(sum(u.corrected_mwh) FILTER (WHERE u.uncorrected_mwh > 0), 0) AS corrected_import_mwh,
                  coalesce(sum(u.corrected_mwh) FILTER (WHERE u.uncorrected_mwh < 0), 0) AS corrected_export_mwh,
                  coalesce(sum(u.bmuadv_mwh), 0) AS bmuadv_mwh,
                  count(DISTINCT u.bm_unit_id) AS bm_units
             FROM (SELECT s.supplier_id, s.bm_unit_id, s.uncorrected_mwh, s.corrected_exact_mwh, s.corrected_mwh,
                          NULL::numeric AS bmuadv_mwh
                     FROM supplier_volume s
                    WHERE s.run_id = p.run_id AND s.gsp_group = p.gsp_group
                   UNION ALL
                   SELECT b.supplier_id, b.bm_unit_id, NULL, NULL, NULL, b.bmuadv_mwh
                     FROM bm_unit_volume b
                    WHERE b.run_id = p.run_id AND b.gsp_group = p.gsp_group) u
            GROUP BY u.supplier_id) t;

COMMENT ON VIEW supplier_daily_total_v1 IS
    'Supplier day totals (MWh, SVA sign) per run, GSP group and supplier: uncorrected, corrected (exact, published, '
    'import, export) and BMUADV.';

-- The same totals from the authoritative run of each settlement date and GSP group.
CREATE OR REPLACE VIEW supplier_daily_total_latest_v1 AS
SELECT t.settlement_date,
       t.gsp_group,
       t.supplier_id,
       t.uncorrected_mwh,
       t.corrected_exact_mwh,
       t.corrected_mwh,
       t.corrected_import_mwh,
       t.corrected_export_mwh,
       t.bmuadv_mwh,
       t.bm_units,
       t.run_id,
       t.run_type,
       t.run_number,
       t.data_cutoff,
       t.completed_at
  FROM settlement_run_latest_v1 l
  JOIN supplier_daily_total_v1 t ON t.run_id = l.run_id AND t.gsp_group = l.gsp_group;

COMMENT ON VIEW supplier_daily_total_latest_v1 IS
    'Supplier day totals (MWh, SVA sign) per settlement date, GSP group and supplier from the authoritative run.';

-- The GSP group correction of every run's complete partitions per settlement period and factor type: the factor,
-- the take it corrects to, the uncorrected total T and the correctable volume D it came from, the difference the
-- correction spreads (take - T), the exact corrected total (take - unallocated) and the residuals.
CREATE OR REPLACE VIEW gsp_group_correction_v1 AS
SELECT r.settlement_date,
       c.gsp_group,
       c.settlement_period,
       (r.settlement_date::timestamp AT TIME ZONE 'Europe/London')
           + (c.settlement_period - 1) * INTERVAL '30 minutes' AS period_start_utc,
       c.gcf_type,
       c.gcf,
       c.gsp_group_take_mwh,
       c.take_estimated,
       c.uncorrected_total_mwh,
       c.correctable_mwh,
       c.gsp_group_take_mwh - c.uncorrected_total_mwh AS take_minus_uncorrected_mwh,
       c.gsp_group_take_mwh - c.unallocated_mwh AS corrected_total_mwh,
       c.unallocated_mwh,
       c.published_residual_mwh,
       c.flags,
       r.run_id,
       r.run_type,
       r.run_number,
       r.status AS run_status,
       r.data_cutoff,
       r.completed_at
  FROM settlement_run r
  JOIN run_partition p ON p.run_id = r.run_id AND p.status = 'COMPLETE'
  JOIN gsp_group_correction c ON c.run_id = p.run_id AND c.gsp_group = p.gsp_group;

COMMENT ON VIEW gsp_group_correction_v1 IS
    'GSP group correction factor (9 dp) per run, GSP group, period and factor type, with the take and the '
    'uncorrected total (MWh, SVA sign).';

-- The same from the authoritative run of each settlement date and GSP group.
CREATE OR REPLACE VIEW gsp_group_correction_latest_v1 AS
SELECT c.settlement_date,
       c.gsp_group,
       c.settlement_period,
       c.period_start_utc,
       c.gcf_type,
       c.gcf,
       c.gsp_group_take_mwh,
       c.take_estimated,
       c.uncorrected_total_mwh,
       c.correctable_mwh,
       c.take_minus_uncorrected_mwh,
       c.corrected_total_mwh,
       c.unallocated_mwh,
       c.published_residual_mwh,
       c.flags,
       c.run_id,
       c.run_type,
       c.run_number,
       c.data_cutoff,
       c.completed_at
  FROM settlement_run_latest_v1 l
  JOIN gsp_group_correction_v1 c ON c.run_id = l.run_id AND c.gsp_group = l.gsp_group;

COMMENT ON VIEW gsp_group_correction_latest_v1 IS
    'GSP group correction factor per settlement date, GSP group, period and factor type from the authoritative run.';

-- Data quality of every run's complete partitions, day totals (data_quality period 0) per GSP group and measure:
-- how the values used came about (ACTUAL, SUBMITTED_ESTIMATE, DEFAULTED_*, ...), rows quarantined per reason
-- (QUARANTINED_*), superseded and after the cut-off.
CREATE OR REPLACE VIEW data_quality_run_v1 AS
SELECT r.settlement_date,
       d.gsp_group,
       d.measure,
       d.count,
       d.mwh,
       r.run_id,
       r.run_type,
       r.run_number,
       r.status AS run_status
  FROM settlement_run r
  JOIN run_partition p ON p.run_id = r.run_id AND p.status = 'COMPLETE'
  JOIN data_quality d ON d.run_id = p.run_id AND d.gsp_group = p.gsp_group AND d.settlement_period = 0;

COMMENT ON VIEW data_quality_run_v1 IS
    'Data-quality day counts per run, GSP group and measure: metering systems (rows for quarantine, superseded and '
    'after-cut-off measures) and energy at the meter, MWh magnitude.';

-- Issues the calculation found, counted per run's complete partition and issue code (the rule that raised them).
CREATE OR REPLACE VIEW calculation_issue_count_v1 AS
SELECT r.settlement_date,
       i.gsp_group,
       i.code,
       count(*) AS issues,
       count(DISTINCT i.mpan) AS mpans,
       r.run_id,
       r.run_type,
       r.run_number,
       r.status AS run_status
  FROM settlement_run r
  JOIN run_partition p ON p.run_id = r.run_id AND p.status = 'COMPLETE'
  JOIN calculation_issue i ON i.run_id = p.run_id AND i.gsp_group = p.gsp_group
 GROUP BY r.run_id, i.gsp_group, i.code;

COMMENT ON VIEW calculation_issue_count_v1 IS
    'Calculation issues per run, GSP group and issue code: how many, and how many metering systems they concern.';

-- Meter-data rows a run quarantined, per GSP group (null: rows of MPANs registered in no group), file and reason.
CREATE OR REPLACE VIEW quarantine_run_v1 AS
SELECT r.settlement_date,
       q.gsp_group,
       q.file_id,
       q.file_path,
       q.reason,
       count(*) AS quarantined_rows,
       count(DISTINCT q.mpan) AS mpans,
       min(q.row_number) AS first_row_number,
       max(q.row_number) AS last_row_number,
       r.run_id,
       r.run_type,
       r.run_number,
       r.status AS run_status
  FROM settlement_run r
  JOIN quarantine q ON q.run_id = r.run_id
 GROUP BY r.run_id, q.gsp_group, q.file_id, q.file_path, q.reason;

COMMENT ON VIEW quarantine_run_v1 IS
    'Meter-data rows quarantined by a run, per GSP group (null: in no group), file and reason.';

-- The analyst role (V0014) may read every analyst view (name ending in _v and a version number) and nothing else:
-- whatever it was granted on tables, views and sequences of this schema is revoked first, then SELECT is granted on
-- the views. Views run with their owner's rights, so the role reads the rows through them without any right on the
-- tables. The schema's USAGE is granted when PUBLIC does not already have it.
DO $$
DECLARE
    v record;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'settlement_analyst') THEN
        RAISE WARNING 'Role settlement_analyst does not exist: analyst views not granted (sql/README.md)';
        RETURN;
    END IF;
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM settlement_analyst', current_schema());
    EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM settlement_analyst', current_schema());
    IF NOT has_schema_privilege('settlement_analyst', current_schema(), 'USAGE') THEN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO settlement_analyst', current_schema());
    END IF;
    FOR v IN
        SELECT c.relname
          FROM pg_class c
         WHERE c.relnamespace = (SELECT n.oid FROM pg_namespace n WHERE n.nspname = current_schema())
           AND c.relkind = 'v'
           AND c.relname ~ '_v[0-9]+$'
         ORDER BY c.relname
    LOOP
        EXECUTE format('GRANT SELECT ON %I.%I TO settlement_analyst', current_schema(), v.relname);
    END LOOP;
END
$$;
