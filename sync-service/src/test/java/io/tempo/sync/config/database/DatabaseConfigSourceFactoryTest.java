package io.tempo.sync.config.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tempo.sync.config.database.DatabaseConfigSourceFactory.Settings;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/** Where the service's database comes from, decided before the datasources start (no database is started here). */
class DatabaseConfigSourceFactoryTest {

    static final String URL = "postgres://sync:Hunter2Secret@db.example.com:6543/postgres?sslmode=require";

    @Test
    void databaseUrlBecomesTheStandardDatasourceKeys() {
        List<ConfigSource> sources = DatabaseConfigSourceFactory.sources(settings(URL, false, "prod"));

        assertThat(sources).hasSize(1);
        ConfigSource source = sources.get(0);
        assertThat(source.getValue("quarkus.datasource.reactive.url"))
                .isEqualTo("postgresql://db.example.com:6543/postgres?sslmode=require");
        assertThat(source.getValue("quarkus.datasource.jdbc.url"))
                .isEqualTo("jdbc:postgresql://db.example.com:6543/postgres?sslmode=require&prepareThreshold=0");
        assertThat(source.getValue("quarkus.datasource.username")).isEqualTo("sync");
        assertThat(source.getValue("quarkus.datasource.password")).isEqualTo("Hunter2Secret");
    }

    @Test
    void explicitQuarkusDatasourceVariablesWinOverDatabaseUrl() {
        ConfigSource fromDatabaseUrl = DatabaseConfigSourceFactory.sources(settings(URL, true, "prod")).get(0);
        // Environment variables have ordinal 300, application.properties 250.
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(fromDatabaseUrl)
                .withSources(new PropertiesConfigSource(Map.of(
                        "quarkus.datasource.reactive.url", "postgresql://explicit:5432/db",
                        "quarkus.datasource.username", "explicit-user"), "env", 300))
                .withSources(new PropertiesConfigSource(Map.of(
                        "quarkus.datasource.jdbc.url", "jdbc:postgresql://from-properties:5432/db"), "application.properties", 250))
                .build();

        assertThat(config.getValue("quarkus.datasource.reactive.url", String.class)).isEqualTo("postgresql://explicit:5432/db");
        assertThat(config.getValue("quarkus.datasource.username", String.class)).isEqualTo("explicit-user");
        assertThat(config.getValue("quarkus.datasource.jdbc.url", String.class))
                .isEqualTo("jdbc:postgresql://db.example.com:6543/postgres?sslmode=require&prepareThreshold=0");
    }

    @Test
    void explicitDatasourceWithoutDatabaseUrlIsUsedAsItIs() {
        assertThat(DatabaseConfigSourceFactory.sources(settings(null, true, "prod"))).isEmpty();
    }

    @Test
    void prodWithoutAnyDatabaseRefusesToStartWithOneMessageSayingWhatToSet() {
        assertThatThrownBy(() -> DatabaseConfigSourceFactory.sources(settings(null, false, "prod")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("No database configured.")
                .hasMessageContaining("DATABASE_URL")
                .hasMessageContaining("./run");
        assertThatThrownBy(() -> DatabaseConfigSourceFactory.sources(settings(null, false, "staging")))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void aMalformedDatabaseUrlStopsStartUpWithoutShowingThePassword() {
        assertThatThrownBy(() -> DatabaseConfigSourceFactory.sources(
                settings("postgres://sync:Hunter2Secret@db.example.com:port/postgres", false, "prod")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("DATABASE_URL is not a valid PostgreSQL URL")
                .hasMessageNotContaining("Hunter2Secret");
    }

    @Test
    void devModeWithoutADatabaseRefusesLikeProdSinceTheServiceHasNoDatabaseOfItsOwn() {
        assertThatThrownBy(() -> DatabaseConfigSourceFactory.sources(settings(null, false, "dev")))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("No database configured.");
    }

    @Test
    void testsBringTheirOwnDatabaseAndNeverUseDatabaseUrl() {
        assertThat(DatabaseConfigSourceFactory.sources(settings(null, false, "test"))).isEmpty();
        assertThat(DatabaseConfigSourceFactory.sources(settings(URL, false, "test"))).isEmpty();
    }

    @Test
    void theDatabaseUrlSourceSitsBetweenPropertiesAndEnvironment() {
        ConfigSource source = DatabaseConfigSourceFactory.sources(settings(URL, false, "prod")).get(0);

        assertThat(source.getOrdinal()).isGreaterThan(250).isLessThan(300);
    }

    @Test
    void aTransactionPoolerPortGivesBothClientsUnnamedStatementsOnly() {
        ConfigSource source = DatabaseConfigSourceFactory.sources(settings(URL, false, "prod")).get(0);

        assertThat(source.getValue("quarkus.datasource.reactive.postgresql.use-layer7-proxy")).isEqualTo("true");
        assertThat(source.getValue("quarkus.datasource.jdbc.url")).endsWith("&prepareThreshold=0");
    }

    @Test
    void thePgbouncerParameterOfSupabaseAndPrismaUrlsIsUnderstoodAndNotPassedToTheDrivers() {
        ConfigSource source = DatabaseConfigSourceFactory.sources(settings(
                "postgres://sync:pw@pooler.example.com:5432/postgres?pgbouncer=true&sslmode=require", false,
                "prod")).get(0);

        assertThat(source.getValue("quarkus.datasource.reactive.postgresql.use-layer7-proxy")).isEqualTo("true");
        assertThat(source.getValue("quarkus.datasource.jdbc.url"))
                .isEqualTo("jdbc:postgresql://pooler.example.com:5432/postgres?sslmode=require&prepareThreshold=0");
        assertThat(source.getValue("quarkus.datasource.reactive.url"))
                .isEqualTo("postgresql://pooler.example.com:5432/postgres?sslmode=require");
    }

    @Test
    void aDirectConnectionKeepsTheDriversDefaults() {
        ConfigSource source = DatabaseConfigSourceFactory.sources(settings(
                "postgres://sync:pw@db.example.com:5432/postgres", false, "prod")).get(0);

        assertThat(source.getPropertyNames()).doesNotContain("quarkus.datasource.reactive.postgresql.use-layer7-proxy");
        assertThat(source.getValue("quarkus.datasource.jdbc.url")).isEqualTo("jdbc:postgresql://db.example.com:5432/postgres");
    }

    @Test
    void databasePoolerSaysWhatTheUrlCannot() {
        ConfigSource direct = DatabaseConfigSourceFactory.sources(new Settings(URL, "none", false, null,
                List.of("prod"))).get(0);
        ConfigSource pooled = DatabaseConfigSourceFactory.sources(new Settings(
                "postgres://sync:pw@pgbouncer.internal:5432/postgres", "transaction", false, null,
                List.of("prod"))).get(0);

        assertThat(direct.getPropertyNames()).doesNotContain("quarkus.datasource.reactive.postgresql.use-layer7-proxy");
        assertThat(direct.getValue("quarkus.datasource.jdbc.url")).doesNotContain("prepareThreshold");
        assertThat(pooled.getValue("quarkus.datasource.reactive.postgresql.use-layer7-proxy")).isEqualTo("true");
        assertThatThrownBy(() -> DatabaseConfigSourceFactory.sources(new Settings(URL, "yes", false, null,
                List.of("prod"))))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("DATABASE_POOLER must be transaction");
    }

    @Test
    void theOriginalRoutesSupabaseSettingsAloneGetOneLineSayingWhichConnectionStringToCopy() {
        assertThatThrownBy(() -> DatabaseConfigSourceFactory.sources(new Settings(null, null, false,
                "https://abcdefghijklmnopqrst.supabase.co", List.of("prod"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("NEXT_PUBLIC_SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY are the original "
                        + "route's settings")
                .hasMessageContaining("Transaction pooler connection string (postgres://postgres.abcdefghijklmnopqrst:"
                        + "[YOUR-PASSWORD]@aws-0-<region>.pooler.supabase.com:6543/postgres)")
                .hasMessageEndingWith("as DATABASE_URL.")
                .hasMessageNotContaining("\n");
        assertThat(DatabaseConfigSourceFactory.sources(new Settings(URL, null, false,
                "https://abcdefghijklmnopqrst.supabase.co", List.of("prod"))))
                .as("DATABASE_URL set too: it is used").hasSize(1);
    }

    private static Settings settings(String databaseUrl, boolean explicit, String profile) {
        return new Settings(databaseUrl, null, explicit, null, List.of(profile));
    }
}
