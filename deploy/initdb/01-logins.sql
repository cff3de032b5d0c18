-- Run once by the postgres image at first start (as its superuser): the roles and logins of jobs/README.md
-- "Database logins", so that the application migrates as the owner and runs without any privilege it does not need.
CREATE ROLE settlement_owner NOLOGIN;
CREATE ROLE settlement_engine NOLOGIN;
CREATE ROLE settlement_analyst NOLOGIN;
CREATE ROLE gbsettle_migrate LOGIN PASSWORD 'migrate' IN ROLE settlement_owner;
CREATE ROLE gbsettle_app LOGIN PASSWORD 'app' IN ROLE settlement_engine;
CREATE DATABASE gbsettle OWNER settlement_owner;
