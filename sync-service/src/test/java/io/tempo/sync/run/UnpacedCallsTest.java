package io.tempo.sync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.tempo.sync.testing.SpotifyPlays.play;
import static io.tempo.sync.testing.SpotifyStubs.RECENTLY_PLAYED;
import static io.tempo.sync.testing.SpotifyStubs.json;
import static io.tempo.sync.testing.SpotifyStubs.page;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.sync.spotify.SpotifyCallPacer;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.SpotifyTestBase;
import io.tempo.sync.testing.SyncApi;
import io.tempo.sync.testing.WireMockResource;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Spotify that never answers 429 is called exactly as fast as concurrency allows: pacing costs nothing until then. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockResource.class)
class UnpacedCallsTest extends SpotifyTestBase {

    @Inject
    SpotifyCallPacer pacer;

    @Test
    void beforeAny429EveryUserAtOnceCallsSpotifyWithoutWaitingForATurn() {
        for (int i = 0; i < 16; i++) {
            db.insertUserWithTokens("quick-access-" + i, "quick-refresh-" + i);
        }
        wireMock.stubFor(get(urlPathEqualTo(RECENTLY_PLAYED))
                .willReturn(json(page(List.of(play("t1", Instant.parse("2024-05-01T10:00:00Z"))), null))
                        .withFixedDelay(400)));

        SyncApi.sync();

        List<Long> times = wireMock.findAll(getRequestedFor(urlPathEqualTo(RECENTLY_PLAYED))).stream()
                .map(request -> request.getLoggedDate().getTime()).sorted().toList();
        assertThat(times).hasSize(16);
        // The test profile syncs 8 users at a time: the first 8 calls leave together, the next 8 when those answer.
        assertThat(times.get(7) - times.get(0)).as("ms between the first and the eighth call").isLessThan(300);
        assertThat(times.get(8) - times.get(0)).as("ms before the ninth").isGreaterThanOrEqualTo(350);
        assertThat(pacer.callsPerSecond()).isInfinite();
    }
}
