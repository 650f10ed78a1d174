package io.tempo.sync.config.database;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The datasource keys of the embedded PostgreSQL. The server starts the first time one of them is read, which is
 * when the datasources and Flyway start, never while the application is merely built or when explicit
 * {@code QUARKUS_DATASOURCE_*} settings (higher ordinal) answer first.
 */
final class EmbeddedDatabaseConfigSource implements ConfigSource {

    private static final Set<String> NAMES = Set.of(DatasourceKeys.REACTIVE_URL, DatasourceKeys.JDBC_URL,
            DatasourceKeys.USERNAME);

    private static final String EMBEDDED_DATABASE_CLASS = "io.tempo.sync.config.database.EmbeddedDatabase";

    private final Path directory;
    private final int port;
    private final int ordinal;
    private volatile Map<String, String> values;

    EmbeddedDatabaseConfigSource(Path directory, int port, int ordinal) {
        this.directory = directory;
        this.port = port;
        this.ordinal = ordinal;
    }

    @Override
    public Set<String> getPropertyNames() {
        return NAMES;
    }

    @Override
    public String getValue(String propertyName) {
        if (!NAMES.contains(propertyName)) {
            return null;
        }
        Map<String, String> started = values;
        if (started == null) {
            synchronized (this) {
                if (values == null) {
                    values = DatasourceKeys.of(start());
                }
                started = values;
            }
        }
        return started.get(propertyName);
    }

    /*
     * Loaded by name: the native profile builds without zonky (provided scope, see the pom), so the native
     * executable has no embedded database, and this is where it says so instead of failing to link.
     */
    private DatabaseUrl start() {
        try {
            Method ensureStarted = Class.forName(EMBEDDED_DATABASE_CLASS)
                    .getMethod("ensureStarted", Path.class, int.class);
            return (DatabaseUrl) ensureStarted.invoke(null, directory, port);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Could not start the embedded PostgreSQL", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The embedded PostgreSQL is not part of this build (the native executable needs DATABASE_URL)", e);
        }
    }

    @Override
    public int getOrdinal() {
        return ordinal;
    }

    @Override
    public String getName() {
        return "embedded PostgreSQL (" + directory + ", port " + port + ")";
    }
}
