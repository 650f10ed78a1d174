package io.tempo.sync.pooler;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.tempo.common.testing.LogCapture;
import io.tempo.sync.testing.PgBouncerTestResource;
import io.tempo.sync.testing.SpotifyTestBase;
import io.tempo.sync.testing.WireMockResource;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the tests behind {@link PgBouncerTestResource} share: WireMock, the database, and a log that must hold no
 * prepared-statement error by the end of the class. Each subclass names its own test profile, so each is a start of
 * the service of its own behind the same PgBouncer.
 */
abstract class BehindPgBouncer extends SpotifyTestBase {

    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static LogCapture log;

    @BeforeAll
    static void captureLog() {
        log = LogCapture.start();
    }

    @AfterAll
    static void noPreparedStatementErrorWasLogged() {
        log.close();
        assertThat(log.lines()).as("lines logged").isNotEmpty()
                .noneMatch(line -> line.contains("prepared statement"));
    }

    static JsonObject result(String body) {
        return new JsonObject(body).getJsonObject("result");
    }

    /** PgBouncer in front of the test database, and WireMock for Spotify. */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PgBouncerTestResource.class),
                    new TestResourceEntry(WireMockResource.class));
        }
    }
}
