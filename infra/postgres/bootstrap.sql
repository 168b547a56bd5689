-- Creates (idempotently) the two roles and a database of MetroCloud. Run as the PostgreSQL superuser with
--   psql -v db=<database> -v owner_password=<…> -v app_password=<…> -f bootstrap.sql
-- metrocloud_owner owns the database and the schema and runs the migrations.
-- metrocloud_app is what the application connects as: it owns nothing, cannot bypass Row-Level Security, cannot
-- create anything; each module's migrations grant it exactly what it needs.
SELECT format('CREATE ROLE metrocloud_owner LOGIN PASSWORD %L', :'owner_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'metrocloud_owner') \gexec
SELECT format('CREATE ROLE metrocloud_app LOGIN PASSWORD %L', :'app_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'metrocloud_app') \gexec
SELECT format('ALTER ROLE metrocloud_owner LOGIN PASSWORD %L NOSUPERUSER NOCREATEROLE NOBYPASSRLS', :'owner_password') \gexec
SELECT format('ALTER ROLE metrocloud_app LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT', :'app_password') \gexec

SELECT format('CREATE DATABASE %I OWNER metrocloud_owner ENCODING ''UTF8'' TEMPLATE template0', :'db')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO metrocloud_app', :'db') \gexec
SELECT format('ALTER ROLE metrocloud_app IN DATABASE %I SET search_path = metrocloud', :'db') \gexec
SELECT format('ALTER ROLE metrocloud_owner IN DATABASE %I SET search_path = metrocloud', :'db') \gexec
