-- A new Supabase project's database, as far as the sync service meets it. Run as the server's superuser in a new
-- database, after roles.sql:
--  * public: the API roles may use it, and default privileges grant anon, authenticated and service_role ALL on
--    every table, function and sequence the postgres role creates there (what makes new tables readable with the
--    project's public anon key);
--  * auth: owned by supabase_auth_admin (GoTrue), auth.users with row level security on, postgres granted ALL on
--    its tables, auth.uid() reading the JWT claims PostgREST sets per request.
grant all on database current_database_placeholder to supabase_postgres;
grant usage, create on schema public to supabase_postgres;
grant usage on schema public to anon, authenticated, service_role;
alter default privileges for role supabase_postgres in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges for role supabase_postgres in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges for role supabase_postgres in schema public grant all on sequences to anon, authenticated, service_role;

create schema auth authorization supabase_auth_admin;
create table auth.users (
    instance_id        uuid,
    id                 uuid not null primary key,
    aud                varchar(255),
    role               varchar(255),
    email              varchar(255) unique,
    encrypted_password varchar(255),
    email_confirmed_at timestamptz,
    last_sign_in_at    timestamptz,
    raw_app_meta_data  jsonb,
    raw_user_meta_data jsonb,
    is_super_admin     boolean,
    created_at         timestamptz,
    updated_at         timestamptz
);
alter table auth.users owner to supabase_auth_admin;
alter table auth.users enable row level security;
create function auth.uid() returns uuid
    language sql stable as
$$
select coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
$$;
alter function auth.uid() owner to supabase_auth_admin;
grant usage on schema auth to anon, authenticated, service_role, supabase_postgres;
grant all on all tables in schema auth to supabase_postgres;
grant all on all routines in schema auth to supabase_postgres;

-- Every real project has tables of its own in public before the sync service arrives.
set role supabase_postgres;
create table public.profiles (
    id       uuid primary key references auth.users on delete cascade,
    username text
);
alter table public.profiles enable row level security;
create policy "profiles are public" on public.profiles for select using (true);
reset role;
