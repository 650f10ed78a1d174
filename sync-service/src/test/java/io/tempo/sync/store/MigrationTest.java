package io.tempo.sync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tempo.sync.config.database.DatabaseUrl;
import io.tempo.sync.testing.Migrations;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Flyway migration on databases of its own (not the shared test database), without Quarkus. */
class MigrationTest {

    @Test
    void migrationCreatesTheWholeSchemaOnAnEmptyDatabase() throws SQLException {
        DatabaseUrl database = PostgresTestResource.scratchDatabase("migration_empty");

        migrate(database);

        try (Connection connection = PostgresTestResource.connect(database)) {
            assertThat(Sql.firstColumn(connection, """
                    select table_schema || '.' || table_name from information_schema.tables
                    where table_schema in ('auth', 'public', 'tempo')
                    order by 1"""))
                    .containsExactly("auth.users", "public.albums", "public.artists", "public.plays",
                            "public.spotify_tokens", "public.track_artists", "public.tracks",
                            "tempo.flyway_schema_history", "tempo.sync_run_leases", "tempo.sync_runs");
            assertThat(Sql.firstColumn(connection, """
                    select n.nspname || '.' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                    where n.nspname in ('public', 'tempo') order by 1"""))
                    .contains("tempo.ingest_spotify_plays", "tempo.sync_shard_of", "tempo.spotify_tokens_clear_reauth")
                    .noneMatch(name -> name.startsWith("public."));
            assertThat(Sql.firstColumn(connection, "select problem from tempo.schema_problems(true) problem"))
                    .as("the schema it made is complete").isEmpty();
            assertThat(Sql.firstColumn(connection, """
                    select column_name || ' ' || data_type || ' ' || is_nullable from information_schema.columns
                    where table_schema = 'public' and table_name = 'spotify_tokens' order by ordinal_position"""))
                    .containsExactly("user_id uuid NO", "access_token text YES", "refresh_token text YES",
                            "expires_at timestamp with time zone YES", "scope text YES",
                            "updated_at timestamp with time zone NO", "needs_reauth_since timestamp with time zone YES");
        }
    }

    @Test
    void migrationLeavesAnExistingAuthUsersTableAndItsRowsAlone() throws SQLException {
        DatabaseUrl database = PostgresTestResource.scratchDatabase("migration_supabase");
        try (Connection connection = PostgresTestResource.connect(database);
             Statement statement = connection.createStatement()) {
            // A Supabase-like auth.users with more columns than the minimal subset.
            statement.execute("""
                    create schema auth;
                    create table auth.users (id uuid primary key, aud varchar(255), email varchar(255),
                                             raw_app_meta_data jsonb, created_at timestamptz);
                    insert into auth.users (id, aud, email, raw_app_meta_data)
                    values ('7b8e5b1c-56a2-4c61-9d4c-0d6a3a7c1e11', 'authenticated', 'ada@example.test', '{"provider":"spotify"}');
                    """);
        }

        migrate(database);

        try (Connection connection = PostgresTestResource.connect(database)) {
            assertThat(Sql.firstColumn(connection, """
                    select column_name || ' ' || data_type from information_schema.columns
                    where table_schema = 'auth' and table_name = 'users' order by ordinal_position"""))
                    .containsExactly("id uuid", "aud character varying", "email character varying",
                            "raw_app_meta_data jsonb", "created_at timestamp with time zone");
            assertThat(Sql.firstColumn(connection, "select email || ' ' || aud || ' ' || raw_app_meta_data::text from auth.users"))
                    .containsExactly("ada@example.test authenticated {\"provider\": \"spotify\"}");
            // The service's tables reference the existing users.
            try (Statement statement = connection.createStatement()) {
                statement.execute("""
                        insert into spotify_tokens (user_id, refresh_token)
                        values ('7b8e5b1c-56a2-4c61-9d4c-0d6a3a7c1e11', 'refresh')""");
            }
            assertThat(Sql.firstColumn(connection, "select count(*)::text from spotify_tokens")).containsExactly("1");
        }
    }

    private static void migrate(DatabaseUrl database) {
        Migrations.migrate(database);
    }
}
