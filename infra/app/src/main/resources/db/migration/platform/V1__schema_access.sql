-- The schema belongs to the owner role that runs the migrations; the application role may only use it. Each module's
-- migrations grant the application role exactly the statements it needs on each table (never DELETE on ledgers and
-- audit, never TRUNCATE, which would bypass Row-Level Security).
REVOKE ALL ON SCHEMA ${flyway:defaultSchema} FROM PUBLIC;
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${app_role};
