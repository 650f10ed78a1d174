package io.tempo.sync.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tempo.sync.config.database.DatabaseUrl;
import io.tempo.sync.testing.Migrations;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.Sql;
import io.tempo.sync.testing.SqlRoles;
import io.tempo.sync.testing.SqlRoles.Attempt;
import io.tempo.sync.testing.SupabaseTestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/**
 * The migration on databases shaped like Supabase projects, run as Supabase's non-superuser postgres role: what the
 * holders of the project's public anon key can do afterwards (nothing), what a signed-in user can read (their own
 * plays and the catalog), and what happens to tables already in public (left alone, adopted, or refused).
 */
class SupabaseSchemaTest {

    private static final String ADA = "7b8e5b1c-56a2-4c61-9d4c-0d6a3a7c1e11";
    private static final String BOB = "0f3d2a47-9c1e-4b7a-8d35-2e6f1a9b4c70";

    @Test
    void anonCanNeitherReadNorWriteNorExecuteAnythingTheServiceCreated() throws SQLException {
        DatabaseUrl project = SupabaseTestPostgres.newProject("supabase_closed");
        Migrations.migrate(project);

        try (Connection superuser = SupabaseTestPostgres.superuser(project)) {
            List<String> tables = Sql.firstColumn(superuser, SERVICE_TABLES);
            assertThat(tables).contains("public.spotify_tokens", "public.plays", "public.tracks", "tempo.sync_runs",
                    "tempo.sync_run_leases", "tempo.flyway_schema_history");
            SqlRoles roles = new SqlRoles(superuser);
            List<Attempt> attempts = new ArrayList<>();
            for (String table : tables) {
                String column = Sql.firstColumn(superuser, "select attname from pg_attribute where attrelid = '" + table
                        + "'::regclass and attnum = 1").get(0);
                for (String sql : List.of("select * from " + table, "insert into " + table + " default values",
                        "update " + table + " set " + column + " = " + column, "delete from " + table,
                        "truncate " + table)) {
                    attempts.add(roles.anon(sql));
                }
            }
            for (String sequence : Sql.firstColumn(superuser, SERVICE_SEQUENCES)) {
                attempts.add(roles.anon("select nextval('" + sequence + "')"));
            }
            List<String> calls = Sql.firstColumn(superuser, SERVICE_FUNCTION_CALLS);
            assertThat(calls).anyMatch(call -> call.startsWith("select tempo.ingest_spotify_plays("));
            for (String call : calls) {
                attempts.add(roles.anon(call));
            }

            assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.refused()).as(attempt.sql()).isTrue());
            assertThat(Sql.firstColumn(superuser, PRIVILEGES_OF.formatted("anon"))).as("privileges anon holds").isEmpty();
            assertThat(Sql.firstColumn(superuser, "select rolname from pg_roles where rolname in ('anon', 'authenticated') "
                    + "and has_schema_privilege(rolname, 'tempo', 'USAGE')")).isEmpty();
            assertThat(Sql.firstColumn(superuser, "select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "where (" + SERVICE_TABLE_FILTER + ") and not c.relrowsecurity"))
                    .as("service tables without row level security").isEmpty();
        }
    }

    @Test
    void aSignedInUserReadsTheirOwnPlaysAndTheCatalogAndNothingElse() throws SQLException {
        DatabaseUrl project = SupabaseTestPostgres.newProject("supabase_signed_in");
        Migrations.migrate(project);

        try (Connection superuser = SupabaseTestPostgres.superuser(project);
             Statement statement = superuser.createStatement()) {
            statement.execute("insert into auth.users (id, email) values ('" + ADA + "', 'ada@example.test'), ('"
                    + BOB + "', 'bob@example.test')");
            statement.execute("insert into public.spotify_tokens (user_id, access_token, refresh_token) values ('" + ADA
                    + "', 'ada-access', 'ada-refresh'), ('" + BOB + "', 'bob-access', 'bob-refresh')");
            statement.execute("""
                    insert into public.tracks (id, name) values ('t1', 'One'), ('t2', 'Two');
                    insert into public.plays (user_id, track_id, played_at) values
                        ('%s', 't1', '2024-05-01T10:00:00Z'), ('%s', 't2', '2024-05-01T11:00:00Z'),
                        ('%s', 't2', '2024-05-01T12:00:00Z');
                    insert into tempo.sync_runs (shard, trigger) values ('all', 'http');
                    """.formatted(ADA, ADA, BOB));
            SqlRoles roles = new SqlRoles(superuser);

            assertThat(roles.authenticated(ADA, "select user_id::text from public.plays").firstColumn())
                    .containsExactly(ADA, ADA);
            assertThat(roles.authenticated(BOB, "select user_id::text from public.plays").firstColumn())
                    .containsExactly(BOB);
            assertThat(roles.authenticated(ADA, "select id from public.tracks order by id").firstColumn())
                    .containsExactly("t1", "t2");
            for (String forbidden : List.of("select * from public.spotify_tokens",
                    "update public.spotify_tokens set access_token = 'mine'",
                    "insert into public.plays (user_id, track_id, played_at) values ('" + ADA + "', 't1', now())",
                    "delete from public.plays", "update public.tracks set name = 'defaced'",
                    "insert into public.artists (id, name) values ('a', 'A')", "select * from tempo.sync_runs",
                    "insert into tempo.sync_run_leases (shard_key, owner, expires_at) values ('all', 'me', 'infinity')",
                    "delete from tempo.flyway_schema_history",
                    "select tempo.ingest_spotify_plays('" + ADA + "', '[]')")) {
                assertThat(roles.authenticated(ADA, forbidden).refused()).as(forbidden).isTrue();
            }
            assertThat(roles.anon("select * from public.plays").refused()).isTrue();
        }
    }

    @Test
    void otherTablesInPublicDoNotStopTheMigrationAndAreLeftAsTheyWere() throws SQLException {
        DatabaseUrl project = SupabaseTestPostgres.newProject("supabase_other_tables");
        String profilesBefore;
        try (Connection superuser = SupabaseTestPostgres.superuser(project);
             Statement statement = superuser.createStatement()) {
            statement.execute("insert into auth.users (id) values ('" + ADA + "')");
            statement.execute("insert into public.profiles (id, username) values ('" + ADA + "', 'ada')");
            profilesBefore = String.join("|", Sql.firstColumn(superuser, PROFILES));
        }

        Migrations.migrate(project);

        try (Connection superuser = SupabaseTestPostgres.superuser(project)) {
            assertThat(String.join("|", Sql.firstColumn(superuser, PROFILES))).isEqualTo(profilesBefore).contains("ada");
            assertThat(Sql.firstColumn(superuser, "select problem from tempo.schema_problems(true) problem")).isEmpty();
        }
    }

    @Test
    void theOriginalAppsSchemaIsAdoptedKeepingEveryRowAndItsOwnFunction() throws SQLException {
        DatabaseUrl project = SupabaseTestPostgres.newProject("supabase_original_app", "original-app.sql");
        String originalFunction;
        try (Connection superuser = SupabaseTestPostgres.superuser(project);
             Statement statement = superuser.createStatement()) {
            statement.execute("insert into auth.users (id) values ('" + ADA + "')");
            statement.execute("""
                    insert into public.artists (id, name) values ('a1', 'Artist');
                    insert into public.tracks (id, name, duration_ms) values ('t1', 'One', 1000), ('t2', 'Two', 2000);
                    insert into public.plays (user_id, track_id, played_at) values
                        ('%1$s', 't1', '2024-05-01T10:00:00Z'), ('%1$s', 't2', '2024-05-01T11:00:00Z');
                    insert into public.spotify_tokens (user_id, access_token, refresh_token, expires_at)
                    values ('%1$s', 'ada-access', 'ada-refresh', '2030-01-01T00:00:00Z');
                    """.formatted(ADA));
            originalFunction = Sql.firstColumn(superuser, ORIGINAL_FUNCTION).get(0);
            assertThat(new SqlRoles(superuser).anon("select access_token from public.spotify_tokens").firstColumn())
                    .as("before: Supabase's default privileges hand the tokens to anon").containsExactly("ada-access");
        }

        Migrations.migrate(project);

        try (Connection superuser = SupabaseTestPostgres.superuser(project);
             Statement statement = superuser.createStatement()) {
            assertThat(Sql.firstColumn(superuser, "select problem from tempo.schema_problems(true) problem")).isEmpty();
            assertThat(Sql.firstColumn(superuser, """
                    select concat_ws(' ', p.id, p.user_id, p.track_id, p.played_at, t.name, t.duration_ms, t.isrc)
                    from public.plays p join public.tracks t on t.id = p.track_id order by p.played_at"""))
                    .containsExactly("1 " + ADA + " t1 2024-05-01 10:00:00+00 One 1000",
                            "2 " + ADA + " t2 2024-05-01 11:00:00+00 Two 2000");
            assertThat(Sql.firstColumn(superuser, "select concat_ws(' ', access_token, refresh_token, needs_reauth_since is null) "
                    + "from public.spotify_tokens")).containsExactly("ada-access ada-refresh t");
            assertThat(Sql.firstColumn(superuser, ORIGINAL_FUNCTION)).containsExactly(originalFunction);

            // The service's own ingest writes into the adopted tables, and a play stored before stays stored once.
            statement.execute("""
                    select tempo.ingest_spotify_plays('%s', '[{"played_at": "2024-05-01T11:00:00Z",
                        "track": {"id": "t2", "name": "Two", "duration_ms": 2000}},
                        {"played_at": "2024-05-01T12:00:00Z", "track": {"id": "t3", "name": "Three",
                        "album": {"id": "al1", "name": "Album"}, "artists": [{"id": "a1", "name": "Artist"}]}}]')
                    """.formatted(ADA));
            assertThat(Sql.firstColumn(superuser, "select track_id from public.plays order by played_at"))
                    .containsExactly("t1", "t2", "t3");
            assertThat(new SqlRoles(superuser).anon("select access_token from public.spotify_tokens").refused())
                    .as("after: anon is refused").isTrue();
        }
    }

    @Test
    void aSchemaThatCannotBeAdoptedIsRefusedWithOneMessageNamingEveryConflictAndNothingChanges() throws SQLException {
        DatabaseUrl project = SupabaseTestPostgres.newProject("supabase_conflicts");
        try (Connection superuser = SupabaseTestPostgres.superuser(project);
             Statement statement = superuser.createStatement()) {
            statement.execute("""
                    set role supabase_postgres;
                    create table public.tracks (id text primary key, name text not null, artist_id text not null);
                    create table public.plays (user_id uuid, track_id text, played_at text);
                    create table public.spotify_tokens (user_id uuid, refresh_token text);
                    insert into public.spotify_tokens values ('%1$s', 'old'), ('%1$s', 'newer');
                    reset role;
                    """.formatted(ADA));
        }

        assertThatThrownBy(() -> Migrations.migrate(project))
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("The database already has tables of the sync service's names that it cannot adopt")
                .hasMessageContaining("column public.plays.played_at is text, the service needs timestamp with time zone")
                .hasMessageContaining("column public.tracks.artist_id is NOT NULL without a default and the service "
                        + "does not write it")
                .hasMessageContaining("table public.spotify_tokens holds 1 values of (user_id) more than once")
                .hasMessageContaining("Nothing was changed");

        try (Connection superuser = SupabaseTestPostgres.superuser(project)) {
            assertThat(Sql.firstColumn(superuser, """
                    select table_name || '.' || column_name from information_schema.columns
                    where table_schema = 'public' and table_name in ('tracks', 'plays', 'spotify_tokens')
                    order by 1"""))
                    .containsExactly("plays.played_at", "plays.track_id", "plays.user_id", "spotify_tokens.refresh_token",
                            "spotify_tokens.user_id", "tracks.artist_id", "tracks.id", "tracks.name");
            assertThat(Sql.firstColumn(superuser, "select count(*)::text from public.spotify_tokens")).containsExactly("2");
            assertThat(Sql.firstColumn(superuser, "select to_regclass('tempo.sync_runs')::text")).containsOnlyNulls();
        }
    }

    @Test
    void anEarlierBuildsRunHistoryMovesOutOfPublicWithItsRows() throws SQLException {
        DatabaseUrl database = PostgresTestResource.scratchDatabase("migration_earlier_build");
        try (Connection connection = PostgresTestResource.connect(database);
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    create table public.sync_runs (id bigserial primary key, shard text not null, trigger text not null,
                        started_at timestamptz not null default now(), finished_at timestamptz,
                        status text not null default 'running', total_users integer, successful integer,
                        failed integer, plays_synced integer, errors jsonb);
                    insert into public.sync_runs (shard, trigger, status) values ('all', 'http', 'succeeded');
                    create table public.sync_run_leases (shard_key text primary key, owner text not null,
                        expires_at timestamptz not null);
                    create table public.flyway_schema_history (installed_rank int primary key, script text);
                    insert into public.flyway_schema_history values (1, 'V1__sync_schema.sql');
                    """);
        }

        Migrations.migrate(database);

        try (Connection connection = PostgresTestResource.connect(database)) {
            assertThat(Sql.firstColumn(connection, "select shard || ' ' || status from tempo.sync_runs"))
                    .containsExactly("all succeeded");
            assertThat(Sql.firstColumn(connection, "select concat_ws(',', to_regclass('public.sync_runs'), "
                    + "to_regclass('public.sync_run_leases'), to_regclass('public.flyway_schema_history'))"))
                    .containsExactly("");
        }
    }

    /** Every table the service created or adopted, schema-qualified. */
    private static final String SERVICE_TABLE_FILTER = "(n.nspname = 'tempo' or n.nspname = 'public' and c.relname in "
            + "(select table_name from tempo.expected_columns())) and c.relkind in ('r', 'p')";
    private static final String SERVICE_TABLES = "select format('%I.%I', n.nspname, c.relname) from pg_class c "
            + "join pg_namespace n on n.oid = c.relnamespace where " + SERVICE_TABLE_FILTER + " order by 1";
    private static final String SERVICE_SEQUENCES = "select format('%I.%I', n.nspname, c.relname) from pg_class c "
            + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'tempo' and c.relkind = 'S' order by 1";
    /** A call of every function in tempo with null arguments of the right types. */
    private static final String SERVICE_FUNCTION_CALLS = """
            select format('select tempo.%I(%s)', p.proname,
                          (select coalesce(string_agg('null::' || format_type(t, null), ', '), '')
                           from unnest(p.proargtypes) t))
            from pg_proc p join pg_namespace n on n.oid = p.pronamespace
            where n.nspname = 'tempo' order by 1""";
    /** Every privilege %s holds on the service's tables, sequences and functions. */
    private static final String PRIVILEGES_OF = """
            select format('%%s on %%I.%%I', a.privilege_type, n.nspname, c.relname)
            from pg_class c join pg_namespace n on n.oid = c.relnamespace,
                 aclexplode(c.relacl) a
            where (n.nspname = 'tempo' or n.nspname = 'public' and c.relname in
                   (select table_name from tempo.expected_columns()))
              and (a.grantee = 0 or a.grantee = '%1$s'::regrole)
            union all
            select format('%%s on function %%s', a.privilege_type, p.oid::regprocedure)
            from pg_proc p join pg_namespace n on n.oid = p.pronamespace,
                 aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
            where n.nspname = 'tempo' and (a.grantee = 0 or a.grantee = '%1$s'::regrole)""";
    private static final String PROFILES = """
            select concat_ws(' ', id, username) from public.profiles
            union all select relacl::text from pg_class where oid = 'public.profiles'::regclass
            union all select polname from pg_policy where polrelid = 'public.profiles'::regclass""";
    private static final String ORIGINAL_FUNCTION = """
            select prosrc || ' ' || coalesce(proacl::text, '') from pg_proc
            where oid = 'public.ingest_spotify_plays(uuid, jsonb)'::regprocedure""";
}
