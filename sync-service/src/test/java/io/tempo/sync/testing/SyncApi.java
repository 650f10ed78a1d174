package io.tempo.sync.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Calls of the cron route as a scheduler makes them, with the test profile's secret. */
public final class SyncApi {

    public static final String SECRET = "test-cron-secret";
    public static final String SYNC = "/api/cron/sync-spotify";
    public static final String RUNS = "/api/cron/sync-spotify/runs";

    private SyncApi() {
    }

    public static RequestSpecification authorized() {
        return given().header("Authorization", "Bearer " + SECRET);
    }

    /** Runs a sync of every user and checks it answered 200. */
    public static ValidatableResponse sync() {
        return authorized().when().get(SYNC).then().statusCode(200);
    }
}
