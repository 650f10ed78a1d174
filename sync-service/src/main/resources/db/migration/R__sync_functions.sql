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

-- Ingests the "items" array of Spotify's recently-played response (PlayHistoryObjects) for one user in one round
-- trip and one transaction; returns how many plays were new.
--  * Items whose track has no id (local files) are skipped; a malformed item fails the whole call with the item's
--    index and what is wrong, before anything is written.
--  * The JSON is walked once: fields are read with path operators (#>, #>>), which do not copy the objects they
--    pass through, into a materialized set that every upsert reads.
--  * Each upsert de-duplicates its rows (ON CONFLICT DO UPDATE may not touch a row twice in one statement) and takes
--    them in id order, so concurrent ingests of overlapping artists/albums/tracks lock rows in the same order and
--    cannot deadlock.
--  * Rows already stored with the same values are filtered out by an index probe per row (a correlated subquery,
--    so the plan cannot turn into a scan of a large table) and the upsert only updates what changed, so a
--    re-ingest neither locks, rewrites nor logs (WAL) anything.
--  * Foreign keys are checked at the end of the statement, after every upsert of it has run.
create or replace function tempo.ingest_spotify_plays(p_user_id uuid, p_items jsonb) returns integer
    language plpgsql as
$$
declare
    v_problem  text;
    v_inserted integer;
begin
    if p_user_id is null then
        raise exception 'ingest_spotify_plays: user id is null' using errcode = '22004';
    end if;
    if p_items is null or jsonb_typeof(p_items) <> 'array' then
        raise exception 'ingest_spotify_plays: items must be a JSON array of play history objects'
            using errcode = '22023';
    end if;
    if not exists (select 1 from auth.users where id = p_user_id) then
        raise exception 'ingest_spotify_plays: user % does not exist', p_user_id using errcode = '23503';
    end if;

    select format('item %s: %s', i.ord - 1, i.problem)
    into v_problem
    from (select ord,
                 case
                     when jsonb_typeof(item) <> 'object' then 'is not an object'
                     when jsonb_typeof(item -> 'played_at') is distinct from 'string' then 'played_at is missing'
                     when item ->> 'played_at' !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)$'
                         then 'played_at is not an ISO-8601 timestamp with a time zone'
                     when jsonb_typeof(item -> 'track') is distinct from 'object' then 'track is missing'
                     when jsonb_typeof(item #> '{track,id}') is distinct from 'string' then null -- local file: skipped
                     when jsonb_typeof(item #> '{track,name}') is distinct from 'string' then 'track name is missing'
                     when coalesce(jsonb_typeof(item #> '{track,duration_ms}'), 'null') not in ('number', 'null')
                         then 'track duration_ms is not a number'
                     when coalesce(jsonb_typeof(item #> '{track,popularity}'), 'null') not in ('number', 'null')
                         then 'track popularity is not a number'
                     when coalesce(jsonb_typeof(item #> '{track,explicit}'), 'null') not in ('boolean', 'null')
                         then 'track explicit is not a boolean'
                     when coalesce(jsonb_typeof(item #> '{track,artists}'), 'null') not in ('array', 'null')
                         then 'track artists is not an array'
                     when coalesce(jsonb_typeof(item #> '{track,album}'), 'null') not in ('object', 'null')
                         then 'track album is not an object'
                     when jsonb_typeof(item #> '{track,album,id}') = 'string'
                         and jsonb_typeof(item #> '{track,album,name}') is distinct from 'string'
                         then 'album name is missing'
                     when coalesce(jsonb_typeof(item #> '{track,album,artists}'), 'null') not in ('array', 'null')
                         then 'album artists is not an array'
                     when exists (select 1
                                  from jsonb_array_elements(coalesce(item #> '{track,artists}', '[]')
                                                                || coalesce(item #> '{track,album,artists}', '[]')) a
                                  where jsonb_typeof(a) <> 'object'
                                     or (jsonb_typeof(a -> 'id') = 'string' and jsonb_typeof(a -> 'name') is distinct from 'string'))
                         then 'an artist is not an object with an id and a name'
                     end as problem
          from jsonb_array_elements(p_items) with ordinality as e(item, ord)) i
    where i.problem is not null
    order by i.ord
    limit 1;

    if v_problem is not null then
        raise exception 'ingest_spotify_plays: malformed Spotify play history, %', v_problem using errcode = '22023';
    end if;

    with item as materialized (
        select (e.item ->> 'played_at')::timestamptz            as played_at,
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
        from jsonb_array_elements(p_items) e(item)
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
             select p_user_id, s.track_id, s.played_at, s.context_type, s.context_uri
             from (select distinct on (played_at) track_id, played_at, context_type, context_uri
                   from item
                   order by played_at) s
             order by s.played_at
             on conflict (user_id, played_at) do nothing
             returning 1)
    select count(*)
    into v_inserted
    from inserted_plays;

    return v_inserted;
end
$$;

-- create or replace keeps a function's privileges, and a new one gets EXECUTE for PUBLIC: revoked every time, from
-- the API roles of Supabase too where they exist (whatever default privileges someone added for them).
select tempo.revoke_from_everyone_else('function tempo.sync_shard_of(uuid, integer), '
                                           || 'tempo.ingest_spotify_plays(uuid, jsonb)');
