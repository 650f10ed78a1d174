-- What the original cron route (a Next.js app on Supabase) left in public: its own catalog, plays and tokens, with
-- rows, and its own ingest_spotify_plays. Fewer columns than the sync service writes, a surrogate key on plays,
-- tokens without the re-auth mark. Created as supabase_postgres, as the Supabase dashboard would. The users it
-- references are inserted by the test (auth.users belongs to GoTrue).
set role supabase_postgres;
create table public.artists (
    id         text primary key,
    name       text not null,
    created_at timestamptz default now()
);
create table public.tracks (
    id          text primary key,
    name        text not null,
    duration_ms integer,
    created_at  timestamptz default now()
);
create table public.plays (
    id        bigserial primary key,
    user_id   uuid not null references auth.users on delete cascade,
    track_id  text not null references public.tracks,
    played_at timestamptz not null,
    unique (user_id, played_at)
);
create table public.spotify_tokens (
    user_id       uuid primary key references auth.users on delete cascade,
    access_token  text not null,
    refresh_token text not null,
    expires_at    timestamptz not null,
    updated_at    timestamptz default now()
);
create function public.ingest_spotify_plays(p_user_id uuid, p_items jsonb) returns integer
    language sql as
$$
select 0 -- the original app's own version; the service must leave it as it is
$$;
reset role;
