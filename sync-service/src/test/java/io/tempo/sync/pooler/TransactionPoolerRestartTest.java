package io.tempo.sync.pooler;

import static io.tempo.sync.testing.SpotifyPlays.play;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tempo.sync.testing.SyncApi;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A second start of the service behind the same PgBouncer as {@link TransactionPoolerTest} (another test profile,
 * so Quarkus starts anew and Flyway runs again over server connections the first start already used), then a run.
 */
@QuarkusTest
@TestProfile(TransactionPoolerRestartTest.Restarted.class)
class TransactionPoolerRestartTest extends BehindPgBouncer {

    @Test
    void aRestartedServiceMigratesAndSyncsBehindTheSamePooler() {
        db.insertUserWithTokens("restart-access", "restart-refresh");
        spotify.givenHistory("restart-access", List.of(play("t1", T0)));

        JsonObject result = result(SyncApi.sync().extract().asString());

        assertThat(result.getInteger("successful")).isEqualTo(1);
        assertThat(result.getInteger("playsSynced")).isEqualTo(1);
        assertThat(db.rows("select count(*) from tempo.flyway_schema_history where success").get(0).getLong(0))
                .as("the migration history the first start wrote").isGreaterThanOrEqualTo(2);
    }

    /** Another profile than TransactionPoolerTest's: Quarkus restarts between the two classes. */
    public static class Restarted extends BehindPgBouncer.Profile {
    }
}
