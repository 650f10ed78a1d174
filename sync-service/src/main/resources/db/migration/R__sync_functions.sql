-- The service's functions, re-applied by Flyway whenever this file changes (a change is a diff here, not a copy in a
-- new version). They live in tempo, which nobody but the service's role may use; PUBLIC's default EXECUTE is revoked.
-- Every name is qualified: Flyway runs this with search_path = tempo, and the service behind a transaction-mode pooler
-- may get any session's search_path.

-- "already exists, skipping" is the point of "if not exists" here, not news: keep it out of the start-up log. (Local to
-- Flyway's transaction, so nothing outlives it on a pooled connection.)
set local client_min_messages = warning;

-- The shard of a user: the first 32 bits of md5(<id as lower-case text>) read as an unsigned number, modulo the
-- number of shards. Stable across PostgreSQL versions and computable anywhere (io.tempo.sync.store.Shard mirrors it).
create or replace function tempo.sync_shard_of(p_user_id uuid, p_shards integer) returns integer
    language sql immutable strict parallel safe as
$$
select ((('x' || left(md5(p_user_id::text), 8))::bit(32)::integer::bigint & 4294967295) % p_shards)::integer
$$;

-- The plays of several users in one round trip (the service batches the users whose pages arrive while earlier
-- batches are being stored). Returns one row per input position: how many plays were new, or the error that user's
-- plays met (SQLSTATE and message, as PostgreSQL would have raised them). One user's failure never costs another
-- user their plays: valid users are stored in one statement; if that statement fails (a user deleted meanwhile, a
-- deadlock), it is rolled back to its savepoint and every user is stored alone behind a savepoint of their own.
--  * Users whose items are malformed are refused before anything is written, with the item's index and the problem;
--    items whose track has no id (local files) are skipped.
--  * The JSON is walked once: fields are read with path operators (#>, #>>), which do not copy the objects they
--    pass through, into a materialized set that every upsert reads.
--  * Each upsert de-duplicates its rows (ON CONFLICT DO UPDATE may not touch a row twice in one statement) and takes
--    them in id order, so concurrent ingests of overlapping artists/albums/tracks lock rows in the same order and
--    cannot deadlock.
--  * Rows already stored with the same values are filtered out by an index probe per row (a correlated subquery,
--    so the plan cannot turn into a scan of a large table) and the upsert only updates what changed, so a
--    re-ingest neither locks, rewrites nor logs (WAL) anything.
create or replace function tempo.ingest_spotify_plays_batch(p_user_ids uuid[], p_items jsonb[])
    returns table (batch_position integer, new_plays integer, error_state text, error_message text)
    -- Planned for every call (PostgreSQL's default for a few calls, then its choice), not forced onto a generic plan:
    -- that would save a small batch a quarter of its CPU, but a plan made while the tables were still empty (a first
    -- sync) would scan them row by row until autovacuum's next ANALYZE (BENCHMARKS.md).
    language plpgsql as
$$
declare
    v_refused   integer[] := '{}';
    v_positions integer[];
    v_users     uuid[];
    v_items     jsonb[];
    v_stored    uuid[];
    v_counts    integer[];
begin
    if cardinality(p_user_ids) is distinct from cardinality(p_items) then
        raise exception 'ingest_spotify_plays: one items array per user is needed' using errcode = '22023';
    end if;

    for batch_position, error_state, error_message in
        select r.batch_position, r.error_state, r.error_message from tempo.play_history_refusals(p_user_ids, p_items) r
    loop
        new_plays := null;
        v_refused := v_refused || batch_position;
        return next;
    end loop;

    select array_agg(b.ord::integer order by b.ord), array_agg(b.user_id order by b.ord), array_agg(b.items order by b.ord)
    into v_positions, v_users, v_items
    from unnest(p_user_ids, p_items) with ordinality b(user_id, items, ord)
    where b.ord <> all (v_refused);
    if v_users is null then
        return;
    end if;

    begin
        select coalesce(array_agg(s.user_id), '{}'), coalesce(array_agg(s.new_plays), '{}')
        into v_stored, v_counts
        from tempo.store_plays(v_users, v_items) s;
    exception
        when others then
            v_stored := null;
    end;

    if v_stored is not null then
        return query
            select b.ord, coalesce(c.new_plays, 0), null::text, null::text
            from unnest(v_positions, v_users) b(ord, user_id)
                     left join unnest(v_stored, v_counts) c(user_id, new_plays) on c.user_id = b.user_id;
        return;
    end if;

    for i in 1 .. cardinality(v_users)
        loop
            batch_position := v_positions[i];
            new_plays := null;
            error_state := null;
            error_message := null;
            begin
                select coalesce(sum(s.new_plays), 0)::integer
                into new_plays
                from tempo.store_plays(array [v_users[i]], array [v_items[i]]) s;
            exception
                when others then
                    get stacked diagnostics error_state = returned_sqlstate, error_message = message_text;
            end;
            return next;
        end loop;
end
$$;

-- Why a user's plays cannot be stored, checked before anything is written: one row per refused input position, with
-- the first problem found (in the order below) and the SQLSTATE it is raised with.
create or replace function tempo.play_history_refusals(p_user_ids uuid[], p_items jsonb[])
    returns table (batch_position integer, error_state text, error_message text)
    language sql stable as
$$
with batch as (select b.ord::integer as ord, b.user_id, b.items
               from unnest(p_user_ids, p_items) with ordinality b(user_id, items, ord)),
     refusal as (select ord, 1 as rank, '22004' as state, 'ingest_spotify_plays: user id is null' as message
                 from batch
                 where user_id is null
                 union all
                 select ord, 2, '22023', 'ingest_spotify_plays: items must be a JSON array of play history objects'
                 from batch
                 where items is null or jsonb_typeof(items) <> 'array'
                 union all
                 select ord, 3, '23503', format('ingest_spotify_plays: user %s does not exist', user_id)
                 from batch b
                 where user_id is not null
                   and not exists (select 1 from auth.users u where u.id = b.user_id)
                 union all
                 (select distinct on (b.ord) b.ord, 4, '22023',
                         format('ingest_spotify_plays: malformed Spotify play history, item %s: %s', e.ord - 1, i.problem)
                  from batch b
                           cross join lateral jsonb_array_elements(
                               case when jsonb_typeof(b.items) = 'array' then b.items else '[]' end)
                      with ordinality as e(item, ord)
                           cross join lateral (select
                    case
                        when jsonb_typeof(e.item) <> 'object' then 'is not an object'
                        when jsonb_typeof(e.item -> 'played_at') is distinct from 'string' then 'played_at is missing'
                        when e.item ->> 'played_at' !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)$'
                            then 'played_at is not an ISO-8601 timestamp with a time zone'
                        when jsonb_typeof(e.item -> 'track') is distinct from 'object' then 'track is missing'
                        when jsonb_typeof(e.item #> '{track,id}') is distinct from 'string' then null -- local file: skipped
                        when jsonb_typeof(e.item #> '{track,name}') is distinct from 'string' then 'track name is missing'
                        when coalesce(jsonb_typeof(e.item #> '{track,duration_ms}'), 'null') not in ('number', 'null')
                            then 'track duration_ms is not a number'
                        when coalesce(jsonb_typeof(e.item #> '{track,popularity}'), 'null') not in ('number', 'null')
                            then 'track popularity is not a number'
                        when coalesce(jsonb_typeof(e.item #> '{track,explicit}'), 'null') not in ('boolean', 'null')
                            then 'track explicit is not a boolean'
                        when coalesce(jsonb_typeof(e.item #> '{track,artists}'), 'null') not in ('array', 'null')
                            then 'track artists is not an array'
                        when coalesce(jsonb_typeof(e.item #> '{track,album}'), 'null') not in ('object', 'null')
                            then 'track album is not an object'
                        when jsonb_typeof(e.item #> '{track,album,id}') = 'string'
                            and jsonb_typeof(e.item #> '{track,album,name}') is distinct from 'string'
                            then 'album name is missing'
                        when coalesce(jsonb_typeof(e.item #> '{track,album,artists}'), 'null') not in ('array', 'null')
                            then 'album artists is not an array'
                        when exists (select 1
                                     from jsonb_array_elements(coalesce(e.item #> '{track,artists}', '[]')
                                                                   || coalesce(e.item #> '{track,album,artists}', '[]')) a
                                     where jsonb_typeof(a) <> 'object'
                                        or (jsonb_typeof(a -> 'id') = 'string' and jsonb_typeof(a -> 'name') is distinct from 'string'))
                            then 'an artist is not an object with an id and a name'
                        end as problem
                               ) i
                  where i.problem is not null
                  order by b.ord, e.ord))
select distinct on (ord) ord, state, message
from refusal
order by ord, rank
$$;

-- Stores the plays of users whose items passed play_history_refusals, in one statement; returns each user with new
-- plays and how many. Foreign keys are checked at the end of the statement, after every upsert of it has run.
create or replace function tempo.store_plays(p_user_ids uuid[], p_items jsonb[])
    returns table (user_id uuid, new_plays integer)
    language plpgsql as
$$
#variable_conflict use_column
begin
    return query
    with item as materialized (
        select b.user_id,
               (e.item ->> 'played_at')::timestamptz            as played_at,
               e.item #>> '{track,id}'                          as track_id,
               e.item #>> '{track,name}'                        as track_name,
               (e.item #>> '{track,duration_ms}')::integer      as duration_ms,
               (e.item #>> '{track,explicit}')::boolean         as explicit,
               (e.item #>> '{track,popularity}')::integer       as popularity,
               e.item #>> '{track,external_ids,isrc}'           as isrc,
               e.item #>> '{track,album,id}'                    as album_id,
               e.item #>> '{track,album,name}'                  as album_name,
               e.item #>> '{track,album,album_type}'            as album_type,
               e.item #>> '{track,album,release_date}'          as release_date,
               e.item #>> '{track,album,images,0,url}'          as image_url,
               e.item #>> '{context,type}'                      as context_type,
               e.item #>> '{context,uri}'                       as context_uri,
               coalesce(e.item #> '{track,artists}', '[]')       as track_artists,
               coalesce(e.item #> '{track,album,artists}', '[]') as album_artists
        from unnest(p_user_ids, p_items) b(user_id, items)
                 cross join lateral jsonb_array_elements(b.items) e(item)
        where e.item #>> '{track,id}' is not null),
         credit as materialized (
             select i.played_at, i.track_id, a.artist ->> 'id' as artist_id, a.artist ->> 'name' as name,
                    a.ord, true as on_track
             from item i
                      cross join lateral jsonb_array_elements(i.track_artists) with ordinality a(artist, ord)
             union all
             select i.played_at, i.track_id, a.artist ->> 'id', a.artist ->> 'name', a.ord, false
             from item i
                      cross join lateral jsonb_array_elements(i.album_artists) with ordinality a(artist, ord)),
         upserted_artists as (
             insert into public.artists as a (id, name)
             select s.id, s.name
             from (select distinct on (artist_id) artist_id as id, name
                   from credit
                   where artist_id is not null
                   order by artist_id, played_at desc) s
             where (select cur.name from public.artists cur where cur.id = s.id) is distinct from s.name
             order by s.id
             on conflict (id) do update set name = excluded.name
             where a.name is distinct from excluded.name),
         upserted_albums as (
             insert into public.albums as al (id, name, album_type, release_date, image_url)
             select s.id, s.name, s.album_type, s.release_date, s.image_url
             from (select distinct on (album_id) album_id as id, album_name as name, album_type, release_date, image_url
                   from item
                   where album_id is not null
                   order by album_id, played_at desc) s
             where (select row (cur.name, cur.album_type, cur.release_date, cur.image_url)
                    from public.albums cur where cur.id = s.id)
                       is distinct from row (s.name, s.album_type, s.release_date, s.image_url)
             order by s.id
             on conflict (id) do update set name         = excluded.name,
                                            album_type   = excluded.album_type,
                                            release_date = excluded.release_date,
                                            image_url    = excluded.image_url
             where (al.name, al.album_type, al.release_date, al.image_url)
                       is distinct from (excluded.name, excluded.album_type, excluded.release_date, excluded.image_url)),
         upserted_tracks as (
             insert into public.tracks as t (id, name, duration_ms, explicit, popularity, isrc, album_id)
             select s.id, s.name, s.duration_ms, s.explicit, s.popularity, s.isrc, s.album_id
             from (select distinct on (track_id) track_id as id, track_name as name, duration_ms, explicit, popularity,
                                                 isrc, album_id
                   from item
                   order by track_id, played_at desc) s
             where (select row (cur.name, cur.duration_ms, cur.explicit, cur.popularity, cur.isrc, cur.album_id)
                    from public.tracks cur where cur.id = s.id)
                       is distinct from row (s.name, s.duration_ms, s.explicit, s.popularity, s.isrc, s.album_id)
             order by s.id
             on conflict (id) do update set name        = excluded.name,
                                            duration_ms = excluded.duration_ms,
                                            explicit    = excluded.explicit,
                                            popularity  = excluded.popularity,
                                            isrc        = excluded.isrc,
                                            album_id    = excluded.album_id
             where (t.name, t.duration_ms, t.explicit, t.popularity, t.isrc, t.album_id)
                       is distinct from (excluded.name, excluded.duration_ms, excluded.explicit, excluded.popularity,
                                         excluded.isrc, excluded.album_id)),
         upserted_track_artists as (
             insert into public.track_artists as ta (track_id, artist_id, position)
             select s.track_id, s.artist_id, s.position
             from (select distinct on (track_id, artist_id) track_id, artist_id, (ord - 1)::integer as position
                   from credit
                   where on_track
                     and artist_id is not null
                   order by track_id, artist_id, played_at desc, ord) s
             where (select cur.position from public.track_artists cur
                    where cur.track_id = s.track_id and cur.artist_id = s.artist_id) is distinct from s.position
             order by s.track_id, s.artist_id
             on conflict (track_id, artist_id) do update set position = excluded.position
             where ta.position is distinct from excluded.position),
         inserted_plays as (
             insert into public.plays (user_id, track_id, played_at, context_type, context_uri)
             select s.user_id, s.track_id, s.played_at, s.context_type, s.context_uri
             from (select distinct on (user_id, played_at) user_id, track_id, played_at, context_type, context_uri
                   from item
                   order by user_id, played_at) s
             order by s.user_id, s.played_at
             on conflict (user_id, played_at) do nothing
             returning user_id)
    select p.user_id, count(*)::integer
    from inserted_plays p
    group by p.user_id;
end
$$;

-- One user's plays (the batch of one): returns how many were new, or raises what the batch reported.
create or replace function tempo.ingest_spotify_plays(p_user_id uuid, p_items jsonb) returns integer
    language plpgsql as
$$
declare
    v_result record;
begin
    select * into v_result from tempo.ingest_spotify_plays_batch(array [p_user_id], array [p_items]);
    if v_result.error_state is not null then
        raise exception using errcode = v_result.error_state, message = v_result.error_message;
    end if;
    return v_result.new_plays;
end
$$;

-- create or replace keeps a function's privileges, and a new one gets EXECUTE for PUBLIC: revoked every time, from
-- the API roles of Supabase too where they exist (whatever default privileges someone added for them).
select tempo.revoke_from_everyone_else('function tempo.sync_shard_of(uuid, integer), '
                                           || 'tempo.ingest_spotify_plays(uuid, jsonb), '
                                           || 'tempo.ingest_spotify_plays_batch(uuid[], jsonb[]), '
                                           || 'tempo.play_history_refusals(uuid[], jsonb[]), '
                                           || 'tempo.store_plays(uuid[], jsonb[])');
