package io.tempo.sync.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tempo.sync.testing.PrivatePostgresTestResource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readiness follows the database: UP while it runs, DOWN once it is gone. Uses a database of its own. */
@QuarkusTest
@TestProfile(DatabaseReadinessTest.OwnDatabase.class)
class DatabaseReadinessTest {

    /** Injected by {@link PrivatePostgresTestResource}: stops this test's database. */
    Runnable stopDatabase;

    @Test
    void readinessIsUpWithTheDatabaseAndDownWhenItStops() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));

        stopDatabase.run();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().when().get("/q/health/ready").then()
                        .statusCode(503)
                        .body("status", equalTo("DOWN"))
                        .body("checks.find { it.name == 'Reactive PostgreSQL connections health check' }.status",
                                equalTo("DOWN")));
        // Liveness is about the process, not its dependencies: a database outage must not get the pod restarted.
        given().when().get("/q/health/live").then().statusCode(200);
    }

    public static class OwnDatabase implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivatePostgresTestResource.class));
        }
    }
}
