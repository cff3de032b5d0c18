-- Least privilege (issue 7): three roles, each able to do only its own work.
--
--   settlement_owner    owns the schema: Flyway runs as it (or as a login in it with
--                       spring.flyway.init-sqls=SET ROLE settlement_owner), the only role that creates, alters or
--                       drops anything.
--   settlement_engine   the application: SELECT, INSERT, UPDATE and DELETE on every table of the schema (runs,
--                       outputs, reference data, the meter-data file register, the Spring Batch metadata, the
--                       scheduled runs, the diffs), USAGE and SELECT on its sequences, MAINTAIN (ANALYZE after a
--                       reference load) on PostgreSQL 17 and later; no CREATE on the schema, no TRUNCATE, no ALTER or
--                       DROP (only an owner may), nothing on flyway_schema_history but SELECT.
--   settlement_analyst  the read-only analyst role of V0014: SELECT on the analyst views only.
--
-- Both new roles are NOLOGIN group roles: the application logs in as its own user, a member of settlement_engine
-- (jobs/README.md, "Database logins"):
--
--   CREATE ROLE gbsettle_app LOGIN PASSWORD '...' IN ROLE settlement_engine;
--
-- The grants cover what exists now, and ALTER DEFAULT PRIVILEGES gives the same grants on every table and sequence
-- the migration user creates later in this schema, so later migrations need no grants of their own. As in V0014, a
-- migration user that may not create roles does not stop the migration: it says so, a DBA creates the roles, and
-- the grants are made by running the statements of this file's second block by hand.

DO $$
DECLARE
    may_create_roles boolean;
BEGIN
    SELECT rolsuper OR rolcreaterole INTO may_create_roles FROM pg_roles WHERE rolname = current_user;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'settlement_owner') THEN
        IF may_create_roles THEN
            CREATE ROLE settlement_owner NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
            COMMENT ON ROLE settlement_owner IS
                'gbsettle schema owner: Flyway migrations run as it; the only role that may change the schema.';
        ELSE
            RAISE WARNING 'Role settlement_owner not created: % may not create roles', current_user;
        END IF;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'settlement_engine') THEN
        IF may_create_roles THEN
            CREATE ROLE settlement_engine NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
            COMMENT ON ROLE settlement_engine IS
                'gbsettle application: reads and writes the tables, may not change the schema; log in as a member.';
        ELSE
            RAISE WARNING 'Role settlement_engine not created: % may not create roles. A DBA runs: CREATE ROLE settlement_engine NOLOGIN; then the grants of V0016',
                current_user;
        END IF;
    END IF;
END
$$;

DO $$
DECLARE
    s text := current_schema();
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'settlement_engine') THEN
        RAISE WARNING 'No role settlement_engine: no grants made';
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO settlement_engine', s);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO settlement_engine', s);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO settlement_engine', s);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES'
                   ' TO settlement_engine', s);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO settlement_engine', s);
    -- ANALYZE after a reference load (JdbcReferenceLoadRepository): only an owner may before PostgreSQL 17, where the
    -- MAINTAIN privilege allows it (with VACUUM, REINDEX and LOCK TABLE, none of which changes the schema)
    IF current_setting('server_version_num')::int >= 170000 THEN
        EXECUTE format('GRANT MAINTAIN ON ALL TABLES IN SCHEMA %I TO settlement_engine', s);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT MAINTAIN ON TABLES TO settlement_engine', s);
    END IF;
    -- Flyway's own history is the migration user's: the application may read it, never write it
    IF to_regclass(format('%I.flyway_schema_history', s)) IS NOT NULL THEN
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON %I.flyway_schema_history FROM settlement_engine', s);
        IF current_setting('server_version_num')::int >= 170000 THEN
            EXECUTE format('REVOKE MAINTAIN ON %I.flyway_schema_history FROM settlement_engine', s);
        END IF;
    END IF;
    -- Before PostgreSQL 15 every role may create objects in the public schema: not here
    IF EXISTS (SELECT 1 FROM pg_namespace n JOIN pg_roles r ON r.rolname = current_user
                WHERE n.nspname = s AND (r.rolsuper OR pg_has_role(current_user, n.nspowner, 'USAGE'))) THEN
        EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', s);
    END IF;
END
$$;
