-- The sync-service's schema (README, "Where the tables are, and who may read them").
--
-- Two places, on purpose:
--  * public: the listening data the user's app reads (plays and the catalog) and the users' Spotify tokens, where the
--    original cron route kept them. A schema the original app left here is adopted, or refused with one message.
--  * tempo: what only the service uses (run history, run leases, Flyway's history, the functions). Not a schema
--    PostgREST serves, and nobody but the service's role has USAGE on it.
-- Closed by default: every table the service creates has row level security on; PUBLIC, anon and authenticated get
-- nothing but, where Supabase's auth.uid() exists, a signed-in user's read of their own plays and of the catalog.
-- Flyway runs this with search_path = tempo, so every name is qualified.

-- "already exists, skipping" is the point of "if not exists" here, not news: keep it out of the start-up log. (Local to
-- Flyway's transaction, so nothing outlives it on a pooled connection.)
set local client_min_messages = warning;

-- Checked in a block rather than with "if not exists": on Supabase the migrating role may lack CREATE on the auth
-- schema, and CREATE ... IF NOT EXISTS checks that privilege before it notices the object exists.
do
$$
    begin
        if not exists (select 1 from pg_namespace where nspname = 'auth') then
            create schema auth;
        end if;
        if to_regclass('auth.users') is null then
            create table auth.users (
                id         uuid primary key,
                email      text,
                created_at timestamptz default now()
            );
            alter table auth.users enable row level security;
            revoke all on table auth.users from public;
        end if;
    end
$$;

-- What the service needs of the tables in public: the one list that the adoption below, the readiness check and
-- tempo.schema_problems read. Types are format_type names without modifiers; the first is what the service creates.
create or replace function tempo.expected_columns()
    returns table (table_name text, column_name text, types text[])
    language sql immutable as
$$
values ('artists', 'id', '{text,character varying}'::text[]),
       ('artists', 'name', '{text,character varying}'),
       ('albums', 'id', '{text,character varying}'),
       ('albums', 'name', '{text,character varying}'),
       ('albums', 'album_type', '{text,character varying}'),
       ('albums', 'release_date', '{text,character varying}'),
       ('albums', 'image_url', '{text,character varying}'),
       ('tracks', 'id', '{text,character varying}'),
       ('tracks', 'name', '{text,character varying}'),
       ('tracks', 'duration_ms', '{integer,bigint,numeric}'),
       ('tracks', 'explicit', '{boolean}'),
       ('tracks', 'popularity', '{integer,bigint,smallint,numeric}'),
       ('tracks', 'isrc', '{text,character varying}'),
       ('tracks', 'album_id', '{text,character varying}'),
       ('track_artists', 'track_id', '{text,character varying}'),
       ('track_artists', 'artist_id', '{text,character varying}'),
       ('track_artists', 'position', '{integer,bigint,smallint}'),
       ('plays', 'user_id', '{uuid}'),
       ('plays', 'track_id', '{text,character varying}'),
       ('plays', 'played_at', '{timestamp with time zone}'),
       ('plays', 'context_type', '{text,character varying}'),
       ('plays', 'context_uri', '{text,character varying}'),
       ('spotify_tokens', 'user_id', '{uuid}'),
       ('spotify_tokens', 'access_token', '{text,character varying}'),
       ('spotify_tokens', 'refresh_token', '{text,character varying}'),
       ('spotify_tokens', 'expires_at', '{timestamp with time zone}'),
       ('spotify_tokens', 'scope', '{text,character varying}'),
       ('spotify_tokens', 'updated_at', '{timestamp with time zone}'),
       ('spotify_tokens', 'needs_reauth_since', '{timestamp with time zone}')
$$;

-- The key each upsert of the service conflicts on: ON CONFLICT needs a unique index on exactly these columns.
create or replace function tempo.expected_keys()
    returns table (table_name text, key_columns text[])
    language sql immutable as
$$
values ('artists', '{id}'::text[]),
       ('albums', '{id}'),
       ('tracks', '{id}'),
       ('track_artists', '{track_id,artist_id}'),
       ('plays', '{user_id,played_at}'),
       ('spotify_tokens', '{user_id}')
$$;

-- Whether a plain unique index (no expression, no predicate) covers exactly these columns, in any order.
create or replace function tempo.has_unique_key(p_table regclass, p_columns text[]) returns boolean
    language sql stable as
$$
select exists (select 1
               from pg_index i
               where i.indrelid = p_table
                 and i.indisunique
                 and i.indpred is null
                 and i.indexprs is null
                 and (select array_agg(a.attname::text order by a.attname::text)
                      from pg_attribute a
                      where a.attrelid = p_table and a.attnum = any (i.indkey))
                     = (select array_agg(k order by k) from unnest(p_columns) k))
$$;

-- One line per problem, naming the object and what to do; none means the schema is usable.
--   p_complete = false: only what stops existing tables from being adopted (missing tables, columns and keys are
--                       fine: the migration adds them);
--   p_complete = true:  also whatever is missing (the readiness check: the service cannot work without it).
create or replace function tempo.schema_problems(p_complete boolean) returns setof text
    language plpgsql stable as
$$
declare
    v_row  record;
    v_type text;
    v_dupes bigint;
begin
    if p_complete and to_regclass('auth.users') is null then
        return next 'table auth.users is missing';
    end if;

    for v_row in select distinct e.table_name from tempo.expected_columns() e order by 1
        loop
            if p_complete and to_regclass('public.' || quote_ident(v_row.table_name)) is null then
                return next format('table public.%s is missing', v_row.table_name);
            end if;
        end loop;

    for v_row in
        select e.table_name, e.column_name, e.types, to_regclass('public.' || quote_ident(e.table_name)) as tbl
        from tempo.expected_columns() e
        loop
            continue when v_row.tbl is null;
            select regexp_replace(format_type(a.atttypid, a.atttypmod), '\(.*\)', '') into v_type
            from pg_attribute a
            where a.attrelid = v_row.tbl and a.attname = v_row.column_name and a.attnum > 0 and not a.attisdropped;
            if v_type is null then
                if p_complete then
                    return next format('column public.%s.%s is missing', v_row.table_name, v_row.column_name);
                end if;
            elsif v_type <> all (v_row.types) then
                return next format('column public.%s.%s is %s, the service needs %s: change its type '
                                       || '(alter table public.%s alter column %s type %s using ...)',
                                   v_row.table_name, v_row.column_name, v_type, array_to_string(v_row.types, ' or '),
                                   v_row.table_name, v_row.column_name, v_row.types[1]);
            end if;
        end loop;

    -- Columns of an adopted table that the service never writes must not fail its inserts.
    for v_row in
        select c.relname, a.attname
        from pg_class c
                 join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
                 join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where c.relname in (select e.table_name from tempo.expected_columns() e)
          and c.relkind in ('r', 'p')
          and a.attnotnull
          and not a.atthasdef
          and a.attidentity = ''
          and a.attgenerated = ''
          and (c.relname::text, a.attname::text) not in (select e.table_name, e.column_name
                                                         from tempo.expected_columns() e)
        order by 1, 2
        loop
            return next format('column public.%s.%s is NOT NULL without a default and the service does not write it: '
                                   || 'give it a default or drop NOT NULL (alter table public.%s alter column %s drop not null)',
                               v_row.relname, v_row.attname, v_row.relname, v_row.attname);
        end loop;

    for v_row in
        select k.table_name, k.key_columns, to_regclass('public.' || quote_ident(k.table_name)) as tbl
        from tempo.expected_keys() k
        loop
            continue when v_row.tbl is null or tempo.has_unique_key(v_row.tbl, v_row.key_columns);
            -- a key column that is missing is reported above, or added by the migration
            continue when exists (select 1 from unnest(v_row.key_columns) k(name)
                                  where not exists (select 1 from pg_attribute a
                                                    where a.attrelid = v_row.tbl and a.attname = k.name
                                                      and a.attnum > 0 and not a.attisdropped));
            execute format('select count(*) from (select 1 from public.%I group by %s having count(*) > 1) d',
                           v_row.table_name, (select string_agg(quote_ident(c), ', ') from unnest(v_row.key_columns) c))
                into v_dupes;
            if v_dupes > 0 then
                return next format('table public.%s holds %s values of (%s) more than once, so they cannot be made '
                                       || 'unique: delete the duplicate rows', v_row.table_name, v_dupes,
                                   array_to_string(v_row.key_columns, ', '));
            elsif p_complete then
                return next format('table public.%s has no unique index on (%s)', v_row.table_name,
                                   array_to_string(v_row.key_columns, ', '));
            end if;
        end loop;

    -- The migration alters these tables, enables row level security and revokes privileges: only their owner may.
    for v_row in
        select c.relname, pg_get_userbyid(c.relowner) as owner
        from pg_class c
                 join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        where c.relname in (select e.table_name from tempo.expected_columns() e)
          and c.relkind in ('r', 'p')
          and not pg_has_role(current_user, c.relowner, 'USAGE')
        order by 1
        loop
            return next format('table public.%s belongs to %s, not to the role the service logs in as (%s): '
                                   || 'alter table public.%s owner to %s', v_row.relname, v_row.owner, current_user,
                               v_row.relname, current_user);
        end loop;
end
$$;

-- A schema left by the original app (its plays, tracks, artists, spotify_tokens) is adopted: missing tables, columns
-- and keys are added, every row is kept. What cannot be adopted stops the migration here, before anything changed,
-- with one message naming every conflict.
do
$$
    declare
        v_problems text[];
    begin
        v_problems := array(select tempo.schema_problems(false));
        if cardinality(v_problems) > 0 then
            raise exception using
                errcode = '55000',
                message = 'The database already has tables of the sync service''s names that it cannot adopt: '
                    || array_to_string(v_problems, '; ') || '.',
                hint = 'Fix each one (or move the old tables to another schema), then start the service again. '
                    || 'Nothing was changed. See the README, "Moving from the original cron route".';
        end if;
    end
$$;

create table if not exists public.spotify_tokens (
    user_id            uuid primary key references auth.users on delete cascade,
    access_token       text,
    refresh_token      text,
    expires_at         timestamptz,
    scope              text,
    updated_at         timestamptz not null default now(),
    -- set when Spotify rejected the refresh token (invalid_grant); the user is skipped until new tokens arrive
    needs_reauth_since timestamptz
);

create table if not exists public.artists (
    id   text primary key,
    name text not null
);

create table if not exists public.albums (
    id           text primary key,
    name         text not null,
    album_type   text,
    release_date text, -- as Spotify sends it: "2019", "2019-05" or "2019-05-03"
    image_url    text
);

create table if not exists public.tracks (
    id          text primary key,
    name        text not null,
    duration_ms integer,
    explicit    boolean,
    popularity  integer,
    isrc        text,
    album_id    text references public.albums
);

create table if not exists public.track_artists (
    track_id  text not null references public.tracks on delete cascade,
    artist_id text not null references public.artists on delete cascade,
    position  integer not null,
    primary key (track_id, artist_id)
);

create table if not exists public.plays (
    user_id      uuid not null references auth.users on delete cascade,
    track_id     text not null references public.tracks,
    played_at    timestamptz not null,
    context_type text,
    context_uri  text,
    -- makes every re-ingest idempotent and serves "newest play of a user" as a backward index scan
    primary key (user_id, played_at)
);

-- Adoption: the columns and keys an older table lacks. New columns are nullable (or have a default), so every
-- existing row stays as it is; the check above made sure the keys can be unique.
alter table public.spotify_tokens
    add column if not exists access_token       text,
    add column if not exists refresh_token      text,
    add column if not exists expires_at         timestamptz,
    add column if not exists scope              text,
    add column if not exists updated_at         timestamptz not null default now(),
    add column if not exists needs_reauth_since timestamptz;
alter table public.albums
    add column if not exists album_type   text,
    add column if not exists release_date text,
    add column if not exists image_url    text;
alter table public.tracks
    add column if not exists duration_ms integer,
    add column if not exists explicit    boolean,
    add column if not exists popularity  integer,
    add column if not exists isrc        text,
    add column if not exists album_id    text references public.albums;
alter table public.plays
    add column if not exists context_type text,
    add column if not exists context_uri  text;
do
$$
    declare
        v_key record;
    begin
        for v_key in select k.table_name, k.key_columns from tempo.expected_keys() k
            loop
                if not tempo.has_unique_key(('public.' || quote_ident(v_key.table_name))::regclass, v_key.key_columns) then
                    execute format('create unique index %I on public.%I (%s)',
                                   v_key.table_name || '_' || array_to_string(v_key.key_columns, '_') || '_key',
                                   v_key.table_name,
                                   (select string_agg(quote_ident(c), ', ') from unnest(v_key.key_columns) c));
                end if;
            end loop;
    end
$$;

-- Foreign keys whose referenced rows may be deleted need an index on the referencing side, or every delete of an
-- album, artist or track scans the whole referencing table.
create index if not exists tracks_album_id_idx on public.tracks (album_id);
create index if not exists track_artists_artist_id_idx on public.track_artists (artist_id);
create index if not exists plays_track_id_idx on public.plays (track_id);

-- New tokens written by anyone (this service, or the user's app writing to Supabase directly) end the re-auth
-- wait. An update that sets the mark itself without touching the tokens keeps it.
create or replace function tempo.spotify_tokens_clear_reauth() returns trigger
    language plpgsql as
$$
begin
    new.needs_reauth_since := null;
    return new;
end
$$;

create or replace trigger spotify_tokens_clear_reauth
    before update on public.spotify_tokens
    for each row
    when (old.needs_reauth_since is not null
          and (new.access_token, new.refresh_token) is distinct from (old.access_token, old.refresh_token)
          and new.needs_reauth_since is not distinct from old.needs_reauth_since)
execute function tempo.spotify_tokens_clear_reauth();

-- Run history and run leases. An earlier build of the service kept them in public: moved here, rows and all.
do
$$
    begin
        if to_regclass('tempo.sync_runs') is null and to_regclass('public.sync_runs') is not null then
            alter table public.sync_runs set schema tempo;
        end if;
        if to_regclass('tempo.sync_run_leases') is null and to_regclass('public.sync_run_leases') is not null then
            alter table public.sync_run_leases set schema tempo;
        end if;
        -- That build's functions, names only it used; its Flyway history, when it holds nothing but that build's.
        drop function if exists public.sync_shard_of(uuid, integer);
        drop function if exists public.spotify_tokens_clear_reauth();
        if to_regclass('public.flyway_schema_history') is not null then
            if not exists (select 1 from public.flyway_schema_history
                           where script is distinct from 'V1__sync_schema.sql') then
                drop table public.flyway_schema_history;
            end if;
        end if;
    end
$$;

create table if not exists tempo.sync_runs (
    id           bigserial primary key,
    shard        text        not null,
    trigger      text        not null,
    started_at   timestamptz not null default now(),
    finished_at  timestamptz,
    status       text        not null default 'running',
    total_users  integer,
    successful   integer,
    failed       integer,
    plays_synced integer,
    errors       jsonb -- [{"userId": "...", "error": "..."}]
);

-- The run lock: one lease row per shard with an expiry, taken and renewed with the database clock.
create table if not exists tempo.sync_run_leases (
    shard_key  text primary key,
    owner      text        not null,
    expires_at timestamptz not null
);

-- Closed by default. Row level security on every table; the owner (the service's role) is not subject to it, and on
-- Supabase its postgres role has BYPASSRLS. PUBLIC and the API roles lose what Supabase's default privileges grant.
alter table public.spotify_tokens enable row level security;
alter table public.artists enable row level security;
alter table public.albums enable row level security;
alter table public.tracks enable row level security;
alter table public.track_artists enable row level security;
alter table public.plays enable row level security;
alter table tempo.sync_runs enable row level security;
alter table tempo.sync_run_leases enable row level security;

-- The one way the migrations close an object: nothing for PUBLIC, nor for Supabase's API roles where they exist.
-- p_objects is what follows "revoke all on", written by the migrations themselves, never user input.
create or replace function tempo.revoke_from_everyone_else(p_objects text) returns void
    language plpgsql as
$$
declare
    v_role text;
begin
    execute format('revoke all on %s from public', p_objects);
    for v_role in select rolname from pg_roles where rolname in ('anon', 'authenticated') order by 1
        loop
            execute format('revoke all on %s from %I', p_objects, v_role);
        end loop;
end
$$;

-- (Flyway's history table is Flyway's while it migrates: afterMigrate.sql closes it.)
select tempo.revoke_from_everyone_else('schema tempo');
select tempo.revoke_from_everyone_else('table tempo.sync_runs, tempo.sync_run_leases');
select tempo.revoke_from_everyone_else('sequence tempo.sync_runs_id_seq');
select tempo.revoke_from_everyone_else('all functions in schema tempo');
select tempo.revoke_from_everyone_else('table public.spotify_tokens, public.artists, public.albums, public.tracks, '
                                           || 'public.track_artists, public.plays');
alter default privileges in schema tempo revoke all on tables from public;
alter default privileges in schema tempo revoke all on sequences from public;
alter default privileges in schema tempo revoke execute on functions from public;

-- Supabase: a signed-in user reads their own plays and the catalog through the Data API, nothing else.
do
$$
    declare
        v_table text;
    begin
        if to_regprocedure('auth.uid()') is not null and exists (select 1 from pg_roles where rolname = 'authenticated') then
            grant select on table public.artists, public.albums, public.tracks, public.track_artists, public.plays
                to authenticated;
            drop policy if exists "tempo: signed-in users read their own plays" on public.plays;
            create policy "tempo: signed-in users read their own plays" on public.plays
                for select to authenticated using (user_id = (select auth.uid()));
            foreach v_table in array array ['artists', 'albums', 'tracks', 'track_artists']
                loop
                    execute format('drop policy if exists "tempo: signed-in users read the catalog" on public.%I',
                                   v_table);
                    execute format('create policy "tempo: signed-in users read the catalog" on public.%I '
                                       || 'for select to authenticated using (true)', v_table);
                end loop;
        end if;
    end
$$;
