package io.tempo.sync.config.database;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Decides where the database is before the datasources and Flyway start, and feeds the standard
 * {@code quarkus.datasource.*} keys accordingly:
 * <ol>
 *     <li>{@code DATABASE_URL}: translated by {@link DatabaseUrl} (both URL schemes, encoded credentials, sslmode, a
 *     transaction-mode pooler recognised by its port or {@code ?pgbouncer=true}, or said by {@code DATABASE_POOLER});</li>
 *     <li>explicit {@code QUARKUS_DATASOURCE_REACTIVE_URL}/{@code QUARKUS_DATASOURCE_JDBC_URL}: used as they are;</li>
 *     <li>nothing configured: start-up stops with one message naming {@code DATABASE_URL} and {@code ./run} (which
 *     starts a local PostgreSQL and hands its URL over as {@code DATABASE_URL}), or, when only the original route's
 *     {@code NEXT_PUBLIC_SUPABASE_URL}/{@code SUPABASE_SERVICE_ROLE_KEY} are set, saying which connection string to
 *     copy from the Supabase dashboard into {@code DATABASE_URL}.</li>
 * </ol>
 * The test profile ignores all of this: tests bring their own database ({@code PostgresTestResource}, or
 * {@code TEST_DATABASE_URL}), so a {@code DATABASE_URL} exported in the shell never reaches a test.
 * The source's ordinal ({@value #ORDINAL}) sits above {@code application.properties} (250) and below environment
 * variables (300) and system properties (400), so explicit {@code QUARKUS_DATASOURCE_*} settings always win.
 * Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public class DatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 275;
    static final String DATABASE_URL = "DATABASE_URL";
    static final String POOLER = "DATABASE_POOLER";
    /** The original cron route's settings: it reached Supabase over HTTP with the service role key. */
    static final String SUPABASE_URL = "NEXT_PUBLIC_SUPABASE_URL";
    static final String SUPABASE_SERVICE_KEY = "SUPABASE_SERVICE_ROLE_KEY";

    static final String NO_DATABASE = "No database configured. Set DATABASE_URL "
            + "(postgres://user:password@host:5432/database?sslmode=require) to use PostgreSQL, "
            + "or start the service with ./run, which runs a local PostgreSQL with its data under .data/postgres "
            + "and sets DATABASE_URL for it.";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        // The factory also runs while the application is built; the database only matters when it starts.
        ExecutionMode mode = ExecutionMode.current();
        if (mode != ExecutionMode.RUNTIME_INIT && mode != ExecutionMode.RUNNING) {
            return List.of();
        }
        return sources(new Settings(value(context, DATABASE_URL), value(context, POOLER),
                value(context, "quarkus.datasource.reactive.url") != null
                        || value(context, "quarkus.datasource.jdbc.url") != null,
                supabaseSetting(context), context.getProfiles()));
    }

    /** The decision, apart from Quarkus' runtime so it can be unit tested. */
    static List<ConfigSource> sources(Settings settings) {
        if (settings.profiles().contains("test")) {
            return List.of();
        }
        if (settings.databaseUrl() != null) {
            DatabaseUrl url;
            try {
                url = DatabaseUrl.parse(settings.databaseUrl(), DATABASE_URL);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
            if (settings.pooler() != null) {
                url = url.withTransactionPooler(parsePooler(settings.pooler()));
            }
            return List.of(new PropertiesConfigSource(DatasourceKeys.of(url), "DATABASE_URL", ORDINAL));
        }
        if (settings.explicitDatasource()) {
            return List.of();
        }
        if (settings.supabaseUrl() != null) {
            throw new ConfigurationException(supabaseHint(settings.supabaseUrl()));
        }
        throw new ConfigurationException(NO_DATABASE);
    }

    /**
     * The one line for a user who brought the original route's Supabase settings: this service talks to PostgreSQL
     * itself, so it needs the project's connection string, not its HTTP URL and service role key.
     */
    static String supabaseHint(String supabaseUrl) {
        String project = supabaseUrl.replaceFirst("^https?://", "").replaceFirst("\\.supabase\\.(co|in)/?.*$", "");
        boolean known = project.matches("[a-z0-9]{8,40}");
        String ref = known ? project : "<project-ref>";
        return SUPABASE_URL + " and " + SUPABASE_SERVICE_KEY + " are the original route's settings; this service "
                + "connects to the database itself. In the Supabase dashboard open Connect, copy the Transaction "
                + "pooler connection string (postgres://postgres." + ref + ":[YOUR-PASSWORD]@aws-0-<region>.pooler"
                + ".supabase.com:6543/postgres) and set it, with your database password, as DATABASE_URL.";
    }

    private static boolean parsePooler(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "transaction" -> true;
            case "none", "session" -> false;
            default -> throw new ConfigurationException(POOLER + " must be transaction (PgBouncer or Supabase's port "
                    + "6543 in transaction mode), session or none; unset, it is recognised from the URL.");
        };
    }

    /** The original route's Supabase URL, when it is set (with or without its service role key). */
    private static String supabaseSetting(ConfigSourceContext context) {
        String url = value(context, SUPABASE_URL);
        return url != null ? url : value(context, SUPABASE_SERVICE_KEY) != null ? "" : null;
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** What the decision depends on. */
    record Settings(String databaseUrl, String pooler, boolean explicitDatasource, String supabaseUrl,
                    List<String> profiles) {

        @Override
        public String toString() {
            return "Settings[databaseUrl=" + (databaseUrl == null ? "unset" : "set") + ", pooler=" + pooler
                    + ", explicitDatasource=" + explicitDatasource + ", supabaseUrl=" + supabaseUrl
                    + ", profiles=" + profiles + "]";
        }
    }
}
