-- The read-only analyst role (issue 6): a NOLOGIN group role that may read the analyst views (*_v1, granted at the
-- end of R__analyst_views.sql whenever the views are created) and nothing else: no table, no sequence, no function of
-- ours. People and tools log in as their own users, members of the role (sql/README.md, "The analyst role"):
--
--   CREATE ROLE jane LOGIN PASSWORD '...' IN ROLE settlement_analyst;
--
-- Roles belong to the PostgreSQL cluster, not to the database: the role is created only if it does not exist yet
-- (a second database on the same server, or a DBA who made it first, share it). A migration user that may not create
-- roles (neither superuser nor CREATEROLE) does not stop the migration: it says so, and a DBA creates the role with
-- the statement below; the grants follow the next time the repeatable migration runs (any change of the views), or
-- at once with the GRANT statements in sql/README.md.

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'settlement_analyst') THEN
        RAISE NOTICE 'Role settlement_analyst exists already: kept as it is';
    ELSIF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
        CREATE ROLE settlement_analyst NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
        COMMENT ON ROLE settlement_analyst IS
            'gbsettle analysts: SELECT on the analyst views (*_v1) only; log in as a member (sql/README.md).';
    ELSE
        RAISE WARNING 'Role settlement_analyst not created: % may not create roles. A DBA runs: CREATE ROLE settlement_analyst NOLOGIN; then the GRANT statements of sql/README.md',
            current_user;
    END IF;
END
$$;
