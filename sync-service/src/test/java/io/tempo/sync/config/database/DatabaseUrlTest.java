package io.tempo.sync.config.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    static final String SUPABASE_POOLER =
            "postgresql://postgres.abcdefghij:p%40ss%3Aw%2Frd%2B1@aws-0-eu-central-1.pooler.supabase.com:6543/postgres"
                    + "?sslmode=require&application_name=tempo-sync&connect_timeout=10&pgbouncer=true";

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "postgresql", "POSTGRES"})
    void bothSchemesGiveTheSameConnection(String scheme) {
        DatabaseUrl url = DatabaseUrl.parse(scheme + "://sync:secret@db.example.com:5433/music", "DATABASE_URL");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5433/music");
        assertThat(url.reactiveUrl()).isEqualTo("postgresql://db.example.com:5433/music");
        assertThat(url.username()).isEqualTo("sync");
        assertThat(url.password()).isEqualTo("secret");
    }

    @Test
    void percentEncodedCredentialsAreDecodedAndKeptOutOfTheDriverUrls() {
        DatabaseUrl url = DatabaseUrl.parse(SUPABASE_POOLER, "DATABASE_URL");

        assertThat(url.username()).isEqualTo("postgres.abcdefghij");
        assertThat(url.password()).isEqualTo("p@ss:w/rd+1");
        assertThat(url.host()).isEqualTo("aws-0-eu-central-1.pooler.supabase.com");
        assertThat(url.port()).isEqualTo(6543);
        assertThat(url.jdbcUrl()).doesNotContain("p@ss", "p%40ss", "postgres.abcdefghij");
        assertThat(url.reactiveUrl()).doesNotContain("p@ss", "p%40ss", "postgres.abcdefghij");
    }

    @Test
    void anUnencodedAtSignInThePasswordStillParses() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:we@k+pass@localhost/app", "DATABASE_URL");

        assertThat(url.password()).isEqualTo("we@k+pass");
        assertThat(url.host()).isEqualTo("localhost");
    }

    @Test
    void sslmodeAndOtherParametersReachTheDriversThatUnderstandThemAndPgbouncerMarksThePooler() {
        DatabaseUrl url = DatabaseUrl.parse(SUPABASE_POOLER, "DATABASE_URL");

        assertThat(url.transactionPooler()).isTrue();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://aws-0-eu-central-1.pooler.supabase.com:6543/postgres"
                + "?sslmode=require&ApplicationName=tempo-sync&connectTimeout=10&prepareThreshold=0");
        assertThat(url.reactiveUrl()).isEqualTo("postgresql://aws-0-eu-central-1.pooler.supabase.com:6543/postgres"
                + "?sslmode=require&application_name=tempo-sync");
    }

    @Test
    void aTransactionPoolerIsRecognisedByItsPortOrSaidByTheUrl() {
        assertThat(DatabaseUrl.parse("postgres://u@pooler.example.com:6543/db", "X").transactionPooler()).isTrue();
        assertThat(DatabaseUrl.parse("postgres://u@pgbouncer.internal:6432/db", "X").transactionPooler()).isTrue();
        assertThat(DatabaseUrl.parse("postgres://u@db.example.com:5432/db", "X").transactionPooler()).isFalse();
        assertThat(DatabaseUrl.parse("postgres://u@db.example.com:5432/db?pgbouncer=true", "X").transactionPooler())
                .isTrue();
        assertThat(DatabaseUrl.parse("postgres://u@db.example.com:6543/db?pgbouncer=false", "X").transactionPooler())
                .isFalse();
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u@db.example.com/db?pgbouncer=maybe", "X"))
                .hasMessageContaining("pgbouncer must be true or false");
    }

    @Test
    void theReactiveUrlIsOneVertxParses() {
        DatabaseUrl url = DatabaseUrl.parse(SUPABASE_POOLER, "DATABASE_URL");

        PgConnectOptions options = PgConnectOptions.fromUri(url.reactiveUrl());

        assertThat(options.getHost()).isEqualTo("aws-0-eu-central-1.pooler.supabase.com");
        assertThat(options.getPort()).isEqualTo(6543);
        assertThat(options.getDatabase()).isEqualTo("postgres");
        assertThat(options.getSslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(options.getProperties()).containsEntry("application_name", "tempo-sync");
    }

    @Test
    void requireMeansEncryptWithoutVerifyingForTheReactiveClientToo() {
        Map<String, String> keys = DatasourceKeys.of(DatabaseUrl.parse(SUPABASE_POOLER, "DATABASE_URL"));

        assertThat(keys).containsEntry("quarkus.datasource.reactive.trust-all", "true")
                .containsEntry("quarkus.datasource.username", "postgres.abcdefghij")
                .containsEntry("quarkus.datasource.password", "p@ss:w/rd+1")
                .containsKeys("quarkus.datasource.jdbc.url", "quarkus.datasource.reactive.url");
    }

    @Test
    void verifyFullWithARootCertificateVerifiesBothTheCaAndTheHost() {
        Map<String, String> keys = DatasourceKeys.of(DatabaseUrl.parse(
                "postgres://u:p@db.example.com/app?sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.pem", "DATABASE_URL"));

        assertThat(keys).doesNotContainKey("quarkus.datasource.reactive.trust-all")
                .containsEntry("quarkus.datasource.reactive.trust-certificate-pem", "true")
                .containsEntry("quarkus.datasource.reactive.trust-certificate-pem.certs", "/etc/ssl/db-ca.pem")
                .containsEntry("quarkus.datasource.reactive.hostname-verification-algorithm", "HTTPS");
        assertThat(keys.get("quarkus.datasource.jdbc.url")).endsWith("?sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Fdb-ca.pem");
    }

    @Test
    void portDefaultsTo5432AndTheDatabaseToTheUserName() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://alice:pw@db.internal", "DATABASE_URL");

        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.database()).isEqualTo("alice");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/alice");
    }

    @Test
    void ipv6HostsAndPasswordlessUrlsParse() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://postgres@[::1]:6000/postgres", "DATABASE_URL");

        assertThat(url.host()).isEqualTo("[::1]");
        assertThat(url.password()).isNull();
        assertThat(DatasourceKeys.of(url)).doesNotContainKey("quarkus.datasource.password");
        assertThat(url.reactiveUrl()).isEqualTo("postgresql://[::1]:6000/postgres");
    }

    @Test
    void toStringNeverShowsThePassword() {
        DatabaseUrl url = DatabaseUrl.parse(SUPABASE_POOLER, "DATABASE_URL");

        assertThat(url.toString()).doesNotContain("p@ss", "w/rd").contains("***", "pooler.supabase.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mysql://bob:Hunter2Secret@db:3306/app",
            "postgres://bob:Hunter2Secret@db:notaport/app",
            "postgres://bob:Hunter2Secret@db:99999/app",
            "postgres://bob:Hunter2Secret@/app",
            "postgres://bob:Hunter2Secret@db/app?sslmode=sometimes",
            "postgres://bob:Hunter2Secret%zz@db/app",
            "postgres://:Hunter2Secret@db/app",
            "postgres://bob:Hunter2Secret@db/app?password=Hunter2Secret",
            "postgres://bob:Hunter2Secret@db a/app",
            "postgres://bob:Hunter2Secret@db1,db2/app",
            ""})
    void aMalformedUrlIsRefusedWithAMessageThatNamesTheVariableButNotThePassword(String bad) {
        assertThatThrownBy(() -> DatabaseUrl.parse(bad, "DATABASE_URL"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DATABASE_URL is not a valid PostgreSQL URL: ")
                .hasMessageContaining("postgres://user:password@host:5432/database")
                .hasMessageNotContaining("Hunter2Secret")
                .hasNoCause();
    }

    @Test
    void theReasonIsSpecific() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://bob:pw@db:notaport/app", "DATABASE_URL"))
                .hasMessageContaining("its port is not a number");
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://bob:pw@db/app", "DATABASE_URL"))
                .hasMessageContaining("it must start with postgres:// or postgresql://");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://bob:pw@db/app?sslmode=sometimes", "DATABASE_URL"))
                .hasMessageContaining("sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full");
    }
}
