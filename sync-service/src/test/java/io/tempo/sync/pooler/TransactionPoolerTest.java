package io.tempo.sync.pooler;

import static io.tempo.sync.testing.SpotifyPlays.play;
import static io.tempo.sync.testing.SpotifyStubs.json;
import static io.tempo.sync.testing.SpotifyStubs.page;
import static io.tempo.sync.testing.SpotifyStubs.recentlyPlayedOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tempo.sync.testing.PgBouncerTestResource;
import io.tempo.sync.testing.SyncApi;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The service behind a real PgBouncer in transaction mode ({@link PgBouncerTestResource}), recognised from the URL's
 * {@code pgbouncer=true}: start-up (Flyway), an exact sync of many users, two runs at once, a run with nothing new,
 * and no prepared-statement error anywhere in the log. {@link TransactionPoolerRestartTest} starts the service a
 * second time behind the same PgBouncer.
 */
@QuarkusTest
@TestProfile(BehindPgBouncer.Profile.class)
class TransactionPoolerTest extends BehindPgBouncer {

    @Test
    void manyUsersSyncExactlyAndASecondRunFindsNothingNew() {
        int users = 60;
        for (int i = 0; i < users; i++) {
            String token = "pooled-access-" + i;
            db.insertUserWithTokens(token, "pooled-refresh-" + i);
            spotify.givenHistory(token, List.of(play("t" + (i % 7), T0.plusSeconds(120 + i)),
                    play("t" + ((i + 1) % 7), T0.plusSeconds(60))));
        }

        JsonObject first = result(SyncApi.sync().extract().asString());
        JsonObject second = result(SyncApi.sync().extract().asString());

        assertThat(first.getInteger("successful")).isEqualTo(users);
        assertThat(first.getInteger("playsSynced")).isEqualTo(2 * users);
        assertThat(db.count("plays")).isEqualTo(2L * users);
        assertThat(db.count("tracks")).isEqualTo(7);
        assertThat(second.getInteger("successful")).isEqualTo(users);
        assertThat(second.getInteger("playsSynced")).isZero();
        assertThat(db.count("tempo.sync_runs")).isEqualTo(2);
    }

    @Test
    void twoRunsAtOnceGiveExactlyOneConflict() {
        db.insertUserWithTokens("slow-access", "slow-refresh");
        wireMock.stubFor(recentlyPlayedOf("slow-access")
                .willReturn(json(page(List.of(play("t1", T0)), null)).withFixedDelay(1_500)));

        CompletableFuture<Response> a = CompletableFuture.supplyAsync(() -> SyncApi.authorized().get(SyncApi.SYNC));
        CompletableFuture<Response> b = CompletableFuture.supplyAsync(() -> SyncApi.authorized().get(SyncApi.SYNC));

        assertThat(List.of(a.join().statusCode(), b.join().statusCode())).containsExactlyInAnyOrder(200, 409);
        assertThat(db.count("tempo.sync_run_leases")).as("the lease is given back").isZero();
    }
}
