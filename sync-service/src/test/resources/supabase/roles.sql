-- The cluster-wide roles of a Supabase project, as its init scripts create them (supabase/postgres,
-- migrations/db/init-scripts and the migration that demotes postgres). Run once per test server, as its superuser.
create role anon nologin noinherit;
create role authenticated nologin noinherit;
create role service_role nologin noinherit bypassrls;
create role authenticator noinherit login;
grant anon, authenticated, service_role to authenticator;
create role supabase_auth_admin noinherit createrole login;
-- Supabase's postgres role, the one its dashboard's connection strings log in as: not a superuser, but BYPASSRLS.
-- The embedded server's bootstrap superuser already has the name postgres, so this one is called supabase_postgres.
create role supabase_postgres login nosuperuser createdb createrole replication bypassrls;
