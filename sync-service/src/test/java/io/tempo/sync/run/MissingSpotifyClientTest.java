package io.tempo.sync.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tempo.sync.store.UserError;
import io.tempo.sync.testing.NoSecretsProfile;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.SpotifyTestBase;
import io.tempo.sync.testing.WireMockResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A sync without the Spotify client credentials says what to configure instead of failing obscurely. */
@QuarkusTest
@TestProfile(NoSecretsProfile.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockResource.class)
class MissingSpotifyClientTest extends SpotifyTestBase {

    @Inject
    SyncRunner runner;

    @Test
    void tokenRefreshWithoutClientCredentialsNamesTheMissingSettings() {
        db.insertUserWithTokens("expired-access", "some-refresh", Instant.now().minusSeconds(60));

        SyncRun run = runner.run(Shard.ALL, "http").await().atMost(Duration.ofSeconds(30));

        assertThat(run.result().errors()).extracting(UserError::error).containsExactly("Failed to refresh token: "
                + "Spotify client id and secret are not configured (SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET)");
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }
}
