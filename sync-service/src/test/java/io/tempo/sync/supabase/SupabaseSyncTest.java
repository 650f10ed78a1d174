package io.tempo.sync.supabase;

import static io.restassured.RestAssured.given;
import static io.tempo.sync.testing.SpotifyPlays.play;
import static io.tempo.sync.testing.SupabaseTestResource.ORIGINAL_ACCESS_TOKEN;
import static io.tempo.sync.testing.SupabaseTestResource.ORIGINAL_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tempo.common.testing.LogCapture;
import io.tempo.sync.testing.InjectWireMock;
import io.tempo.sync.testing.SpotifyStubs;
import io.tempo.sync.testing.SupabaseTestPostgres;
import io.tempo.sync.testing.SupabaseTestResource;
import io.tempo.sync.testing.SyncApi;
import io.tempo.sync.testing.TestDatabase;
import io.tempo.sync.testing.WireMockResource;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service as a user of the original cron route starts it on their Supabase project: logged in as Supabase's
 * non-superuser postgres role, on the schema the original app left in public, with rows.
 */
@QuarkusTest
@TestProfile(SupabaseSyncTest.OnSupabase.class)
class SupabaseSyncTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    TestDatabase db;

    @BeforeEach
    void clean() {
        wireMock.resetAll();
    }

    @Test
    void aRunOnTheAdoptedOriginalSchemaStoresNewPlaysAndKeepsEveryOldRow() {
        new SpotifyStubs(wireMock).givenHistory(ORIGINAL_ACCESS_TOKEN, List.of(
                play("t3", "album-1", List.of("a1"), T0.plusSeconds(7200)), play("t2", T0.plusSeconds(3600))));

        JsonObject result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

        assertThat(result.getInteger("totalUsers")).isEqualTo(1);
        assertThat(result.getInteger("successful")).isEqualTo(1);
        assertThat(result.getInteger("playsSynced")).as("the play stored by the original app is not stored twice")
                .isEqualTo(1);
        assertThat(db.rows("select id, track_id from public.plays order by played_at"))
                .extracting(row -> row.getLong("id") + " " + row.getString("track_id"))
                .as("the original rows keep their ids").startsWith("1 t1", "2 t2").hasSize(3);
        assertThat(db.rows("select username from public.profiles")).extracting(row -> row.getString(0))
                .containsExactly("ada");
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aRunThatSeesNoUsersWhileAuthUsersHasRowsSaysTheLoginRoleCannotSeeThem() throws SQLException {
        try (Connection superuser = SupabaseTestResource.superuser(); Statement statement = superuser.createStatement();
             LogCapture log = LogCapture.start()) {
            statement.execute("analyze auth.users");
            statement.execute("alter role " + SupabaseTestPostgres.SERVICE_ROLE + " nobypassrls");
            try {
                JsonObject result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

                assertThat(result.getInteger("totalUsers")).isZero();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(log.lines())
                        .anySatisfy(line -> assertThat(line).contains("WARN", "[Spotify Sync] Found 0 users to sync, "
                                + "but auth.users holds about 1 rows: the role the service logs in as ("
                                + SupabaseTestPostgres.SERVICE_ROLE + ") cannot see them")));
            } finally {
                statement.execute("alter role " + SupabaseTestPostgres.SERVICE_ROLE + " bypassrls");
            }
        }
    }

    @Test
    void readinessIsDownNamingAColumnThatGoesMissingAndARunSaysTheSame() throws SQLException {
        try (Connection superuser = SupabaseTestResource.superuser(); Statement statement = superuser.createStatement()) {
            statement.execute("alter table public.tracks rename column isrc to isrc_away");
            try {
                given().when().get("/q/health/ready").then().statusCode(503)
                        .body("checks.find { it.name == 'Database schema' }.status", equalTo("DOWN"))
                        .body("checks.find { it.name == 'Database schema' }.data.problems",
                                equalTo("column public.tracks.isrc is missing"));
                new SpotifyStubs(wireMock).givenHistory(ORIGINAL_ACCESS_TOKEN,
                        List.of(play("t9", T0.plusSeconds(9000))));

                JsonObject result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

                assertThat(result.getJsonArray("errors").getJsonObject(0).getString("error")).isEqualTo(
                        "Database error while storing plays: the database schema is not what the service needs: "
                                + "column \"isrc\" of relation \"tracks\" does not exist (SQLSTATE 42703)");
            } finally {
                statement.execute("alter table public.tracks rename column isrc_away to isrc");
            }
        }
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    public static class OnSupabase implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SupabaseTestResource.class), new TestResourceEntry(WireMockResource.class));
        }
    }
}
