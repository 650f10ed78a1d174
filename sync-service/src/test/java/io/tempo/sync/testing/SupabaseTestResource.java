package io.tempo.sync.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tempo.sync.config.database.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The service started on a Supabase-shaped project ({@link SupabaseTestPostgres}) that the original cron route used
 * before: unrelated tables in public, the original app's plays, tracks, artists and tokens with rows of
 * {@link #ORIGINAL_USER}, and its own {@code ingest_spotify_plays}. The service logs in as Supabase's non-superuser
 * postgres role; its start-up migration adopts that schema.
 */
public class SupabaseTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ORIGINAL_USER = "7b8e5b1c-56a2-4c61-9d4c-0d6a3a7c1e11";
    public static final String ORIGINAL_ACCESS_TOKEN = "original-access";
    private static final String PROJECT = "supabase_app";

    @Override
    public Map<String, String> start() {
        try {
            DatabaseUrl project = SupabaseTestPostgres.newProject(PROJECT, "original-app.sql");
            try (Connection superuser = SupabaseTestPostgres.superuser(project);
                 Statement statement = superuser.createStatement()) {
                statement.execute("""
                        insert into auth.users (id, email) values ('%1$s', 'ada@example.test');
                        insert into public.profiles (id, username) values ('%1$s', 'ada');
                        insert into public.artists (id, name) values ('a1', 'Artist');
                        insert into public.tracks (id, name, duration_ms) values ('t1', 'One', 1000), ('t2', 'Two', 2000);
                        insert into public.plays (user_id, track_id, played_at) values
                            ('%1$s', 't1', '2024-05-01T10:00:00Z'), ('%1$s', 't2', '2024-05-01T11:00:00Z');
                        insert into public.spotify_tokens (user_id, access_token, refresh_token, expires_at)
                        values ('%1$s', '%2$s', 'original-refresh', '2099-01-01T00:00:00Z');
                        """.formatted(ORIGINAL_USER, ORIGINAL_ACCESS_TOKEN));
            }
            return PostgresTestResource.quarkusConfig(project);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not build the Supabase-shaped test project", e);
        }
    }

    @Override
    public void stop() {
        // The server is shared by the JVM; the project database is recreated by the next start.
    }

    /** A superuser connection to the project: GoTrue's, PostgREST's and the dashboard's part in the tests. */
    public static Connection superuser() throws SQLException {
        return SupabaseTestPostgres.superuser(DatabaseUrl.parse("postgresql://x@localhost/" + PROJECT, "project"));
    }
}
