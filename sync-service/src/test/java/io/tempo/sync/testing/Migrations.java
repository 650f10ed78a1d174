package io.tempo.sync.testing;

import io.tempo.sync.config.database.DatabaseUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The service's Flyway migration run outside Quarkus, on a database of a test's own, with exactly the locations and
 * schemas the service's {@code application.properties} configures (read from there, not repeated here).
 */
public final class Migrations {

    private static final Properties SERVICE = serviceProperties();

    private Migrations() {
    }

    /** Migrates {@code database} as its URL's user, as the service would at start-up. */
    public static MigrateResult migrate(DatabaseUrl database) {
        return flyway(database).migrate();
    }

    /** Flyway configured as the service configures it. */
    public static Flyway flyway(DatabaseUrl database) {
        String[] schemas = setting("quarkus.flyway.schemas").split(",");
        return Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:" + setting("quarkus.flyway.locations"))
                .schemas(schemas)
                .defaultSchema(setting("quarkus.flyway.default-schema"))
                .load();
    }

    private static String setting(String key) {
        String value = SERVICE.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(key + " is not set in the service's application.properties");
        }
        return value.strip();
    }

    private static Properties serviceProperties() {
        Properties properties = new Properties();
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
