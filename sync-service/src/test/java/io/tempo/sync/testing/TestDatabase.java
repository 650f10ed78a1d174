package io.tempo.sync.testing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Blocking helpers for {@code @QuarkusTest}s that use {@link PostgresTestResource}: empty every table between tests,
 * insert users with or without tokens, count and read rows. Inject it ({@code @Inject TestDatabase db}); call it
 * from the test thread, never from an event loop.
 */
@ApplicationScoped
public class TestDatabase {

    /** The listening data: the plays and the catalog they point to. */
    public static final List<String> LISTENING_DATA =
            List.of("public.plays", "public.track_artists", "public.tracks", "public.albums", "public.artists");

    /** Every table the service writes, auth.users included; the run leases too, so no lock leaks between tests. */
    public static final List<String> EVERY_TABLE = Stream.concat(LISTENING_DATA.stream(),
            Stream.of("public.spotify_tokens", "tempo.sync_runs", "tempo.sync_run_leases", "auth.users")).toList();

    private static final String TRUNCATE_ALL =
            "truncate table " + String.join(", ", EVERY_TABLE) + " restart identity cascade";

    private final Pool pool;

    public TestDatabase(Pool pool) {
        this.pool = pool;
    }

    /** Empties every table (and restarts the sync_runs ids). */
    public void reset() {
        pool.query(TRUNCATE_ALL).execute().await().indefinitely();
    }

    /** Inserts a user without Spotify tokens (the run reports "No Spotify tokens available" for them). */
    public UUID insertUser() {
        UUID id = UUID.randomUUID();
        insertUser(id, "user-" + id + "@example.test");
        return id;
    }

    /** Inserts a user with the given id and email, no tokens. */
    public void insertUser(UUID id, String email) {
        pool.preparedQuery("insert into auth.users (id, email) values ($1, $2)")
                .execute(Tuple.of(id, email)).await().indefinitely();
    }

    /** Inserts a user with tokens whose access token stays valid for an hour. */
    public UUID insertUserWithTokens(String accessToken, String refreshToken) {
        return insertUserWithTokens(accessToken, refreshToken, Instant.now().plusSeconds(3600));
    }

    /** Inserts a user with tokens expiring at {@code expiresAt} and returns the new user's id. */
    public UUID insertUserWithTokens(String accessToken, String refreshToken, Instant expiresAt) {
        UUID id = insertUser();
        insertTokens(id, accessToken, refreshToken, expiresAt);
        return id;
    }

    /** Writes (or overwrites) a user's tokens, as the user's app would in Supabase. */
    public void insertTokens(UUID userId, String accessToken, String refreshToken, Instant expiresAt) {
        pool.preparedQuery("""
                        insert into spotify_tokens (user_id, access_token, refresh_token, expires_at, scope)
                        values ($1, $2, $3, $4, 'user-read-recently-played')
                        on conflict (user_id) do update set access_token  = excluded.access_token,
                                                            refresh_token = excluded.refresh_token,
                                                            expires_at    = excluded.expires_at,
                                                            updated_at    = now()""")
                .execute(Tuple.of(userId, accessToken, refreshToken, toOffset(expiresAt)))
                .await().indefinitely();
    }

    /** Inserts a play of a (placeholder) track, e.g. to give a user a newest {@code played_at}. */
    public void insertPlay(UUID userId, String trackId, Instant playedAt) {
        pool.preparedQuery("""
                        with track as (insert into tracks (id, name) values ($2, 'Test track ' || $2)
                                       on conflict do nothing)
                        insert into plays (user_id, track_id, played_at) values ($1, $2, $3)""")
                .execute(Tuple.of(userId, trackId, toOffset(playedAt))).await().indefinitely();
    }

    /** The number of rows of a table ({@code auth.users}, {@code plays}, ...). */
    public long count(String table) {
        if (!table.matches("[a-z_]+(\\.[a-z_]+)?")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        return pool.query("select count(*) from " + table).execute().await().indefinitely()
                .iterator().next().getLong(0);
    }

    /** Runs any SQL with {@code $n} parameters and returns its rows (for assertions on exact values). */
    public List<Row> rows(String sql, Object... parameters) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().indefinitely().forEach(rows::add);
        return rows;
    }

    /** Runs a statement with {@code $n} parameters and returns how many rows it changed. */
    public int execute(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().indefinitely().rowCount();
    }

    private static OffsetDateTime toOffset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
