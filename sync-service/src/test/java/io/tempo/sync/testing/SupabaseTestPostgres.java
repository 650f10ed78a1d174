package io.tempo.sync.testing;

import io.tempo.sync.config.database.DatabaseUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A PostgreSQL server whose databases are shaped like Supabase projects ({@code src/test/resources/supabase}): the
 * roles {@code anon}, {@code authenticated}, {@code service_role}, {@code supabase_auth_admin}, the non-superuser
 * {@code supabase_postgres} with BYPASSRLS the service logs in as, default privileges granting the API roles ALL in
 * {@code public}, and {@code auth.users} owned by another role with row level security on.
 *
 * <p>A server of its own (one per JVM, started on first use), never the shared test server: roles belong to the whole
 * server, and the other tests must keep meeting a plain database without Supabase's roles.
 */
public final class SupabaseTestPostgres {

    /** The role the service logs in as: Supabase's {@code postgres}, not a superuser, with BYPASSRLS. */
    public static final String SERVICE_ROLE = "supabase_postgres";

    // One server for every class loader Quarkus uses: its URL lives in a system property (see PostgresTestResource).
    private static final String SHARED_URL_PROPERTY = "tempo.test.supabase-postgres-url";

    private SupabaseTestPostgres() {
    }

    /**
     * A new database shaped like a fresh Supabase project (dropped first if a previous run left it), with
     * {@code extraScripts} from {@code src/test/resources/supabase} run after it as the superuser. Returns the URL
     * the service would be given: its role, not the superuser.
     */
    public static DatabaseUrl newProject(String name, String... extraScripts) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        DatabaseUrl server = server();
        try (Connection connection = PostgresTestResource.connect(server); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        }
        DatabaseUrl superuser = server.withDatabase(name);
        try (Connection connection = PostgresTestResource.connect(superuser);
             Statement statement = connection.createStatement()) {
            statement.execute(script("project.sql").replace("current_database_placeholder", name));
            for (String extra : extraScripts) {
                statement.execute(script(extra));
            }
        }
        return DatabaseUrl.parse("postgresql://" + SERVICE_ROLE + "@" + superuser.host() + ":" + superuser.port() + "/"
                + name, "the Supabase-shaped test database");
    }

    /** A superuser connection to the same database as {@code project} (GoTrue's and PostgREST's part in the tests). */
    public static Connection superuser(DatabaseUrl project) throws SQLException {
        return PostgresTestResource.connect(server().withDatabase(project.database()));
    }

    private static DatabaseUrl server() throws SQLException {
        Properties jvmWide = System.getProperties();
        synchronized (jvmWide) {
            String url = jvmWide.getProperty(SHARED_URL_PROPERTY);
            if (url == null) {
                url = PostgresTestResource.startServer().url(); // stops when the JVM exits
                try (Connection connection = PostgresTestResource.connect(DatabaseUrl.parse(url, SHARED_URL_PROPERTY));
                     Statement statement = connection.createStatement()) {
                    statement.execute(script("roles.sql"));
                }
                jvmWide.setProperty(SHARED_URL_PROPERTY, url);
            }
            return DatabaseUrl.parse(url, SHARED_URL_PROPERTY);
        }
    }

    private static String script(String name) {
        try (InputStream in = SupabaseTestPostgres.class.getResourceAsStream("/supabase/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test script supabase/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
