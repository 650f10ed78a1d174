package io.tempo.sync.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tempo.devpostgres.DevPostgres;
import io.tempo.sync.config.database.DatabaseUrl;
import io.tempo.sync.config.database.DatasourceKeys;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/**
 * The PostgreSQL every database test shares: ONE server of the {@code dev-postgres} launcher per JVM, started on
 * first use, reused by every test class and every Quarkus restart (test profiles), stopped when the JVM exits. When
 * {@code TEST_DATABASE_URL} is set (same format as {@code DATABASE_URL}: {@code postgres://user:pass@host:5432/db})
 * that database is used instead and nothing is started. Tests empty it with {@link TestDatabase#reset()}, never drop
 * it, so point {@code TEST_DATABASE_URL} only at a database you can wipe.
 *
 * <p>Usage (Quarkus 3.34: {@code @WithTestResource} is the current annotation; {@code @QuarkusTestResource} is its
 * predecessor, which applied a resource to every test unless {@code restrictToAnnotatedClass=true}):
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(PostgresTestResource.class)
 * class PlayStoreTest {
 *     @Inject TestDatabase db;
 *     @BeforeEach void clean() { db.reset(); }
 * }
 * }</pre>
 * The default scope ({@code MATCHING_RESOURCES}) runs every test class that declares the same set of resources
 * (and the same test profile) in one Quarkus application, so put exactly this annotation, plus the same other
 * resources, on every database test to avoid restarts. Restarts are cheap for the database anyway: it is never
 * restarted, only the application. Plain JUnit tests that need SQL but not Quarkus use {@link #database()} and
 * {@link #connect()}.
 *
 * <p>The returned configuration sets the reactive URL, the JDBC URL Flyway uses, the user name and the password, so
 * {@code quarkus.flyway.migrate-at-start} migrates the database on every application start (idempotent).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** The variable naming an external test database. */
    public static final String TEST_DATABASE_URL = "TEST_DATABASE_URL";

    /*
     * Quarkus may load this class in several class loaders (one per application restart), so a static field would
     * not make the server a singleton. The URL of the one server lives in a system property instead, and starting is
     * serialized on the JVM-wide system properties object.
     */
    private static final String SHARED_URL_PROPERTY = "tempo.test.shared-postgres-url";

    @Override
    public Map<String, String> start() {
        return quarkusConfig(database());
    }

    @Override
    public void stop() {
        // Shared by every test class and restart; the server stops when the JVM exits.
    }

    /** The database the tests use, starting the shared server on first use. */
    public static DatabaseUrl database() {
        String external = System.getenv(TEST_DATABASE_URL);
        if (external != null && !external.isBlank()) {
            return DatabaseUrl.parse(external, TEST_DATABASE_URL);
        }
        Properties jvmWide = System.getProperties();
        synchronized (jvmWide) {
            String url = jvmWide.getProperty(SHARED_URL_PROPERTY);
            if (url == null) {
                url = startServer().url();
                jvmWide.setProperty(SHARED_URL_PROPERTY, url);
            }
            return DatabaseUrl.parse(url, SHARED_URL_PROPERTY);
        }
    }

    /** A JDBC connection to the test database, for tests that run without Quarkus. */
    public static Connection connect() throws SQLException {
        return connect(database());
    }

    /** A JDBC connection to {@code database}; the caller closes it. */
    public static Connection connect(DatabaseUrl database) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", database.username());
        if (database.password() != null) {
            credentials.setProperty("password", database.password());
        }
        return DriverManager.getConnection(database.jdbcUrl(), credentials);
    }

    /**
     * A new, empty database on the test server (dropped first if a previous run left it), for tests that must
     * start from nothing, such as migration tests. Needs CREATEDB when {@code TEST_DATABASE_URL} is set.
     */
    public static DatabaseUrl scratchDatabase(String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        }
        return database().withDatabase(name);
    }

    /** The datasource configuration Quarkus needs to use {@code database}, exactly as DATABASE_URL would give it. */
    public static Map<String, String> quarkusConfig(DatabaseUrl database) {
        return DatasourceKeys.of(database);
    }

    /**
     * A new throw-away server tuned for tests (durability is worthless for test data, and skipping it keeps the suite
     * fast; room for every pool of the applications a test run starts), stopped on close or when the JVM exits.
     */
    static DevPostgres startServer() {
        return DevPostgres.builder().withoutDurability().setting("max_connections", "200").start();
    }
}
