package io.tempo.tokener.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The tests' remote control for the {@link FakeWebPlayer}, over its {@code /__fake/…} endpoints. */
public final class FakeWebPlayerControl {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;

    public FakeWebPlayerControl(String baseUrl) {
        this.base = URI.create(baseUrl);
    }

    public void reset() {
        post("__fake/reset");
    }

    public void scenario(FakeWebPlayer.Scenario scenario) {
        scenario(scenario, 0, 3_600_000, -1);
    }

    /**
     * @param delayMs how long a {@code SLOW} token answer takes
     * @param expiresInMs the lifetime of the tokens handed out
     * @param failPageLoads how many page loads an error scenario spoils before answering normally again
     *     (negative: all of them)
     */
    public void scenario(FakeWebPlayer.Scenario scenario, long delayMs, long expiresInMs, int failPageLoads) {
        post("__fake/scenario?name=" + scenario.name() + "&delayMs=" + delayMs + "&expiresInMs=" + expiresInMs
                + "&failPageLoads=" + failPageLoads);
    }

    public int pageLoads() {
        return stats().get("pageLoads").asInt();
    }

    public int tokenRequests() {
        return stats().get("tokenRequests").asInt();
    }

    public int blockedRequests() {
        return stats().get("blockedRequests").asInt();
    }

    public List<Long> pageLoadTimes() {
        List<Long> times = new ArrayList<>();
        stats().get("pageLoadTimes").forEach(node -> times.add(node.asLong()));
        return times;
    }

    public List<String> tokenQueries() {
        List<String> queries = new ArrayList<>();
        stats().get("tokenQueries").forEach(node -> queries.add(node.asText()));
        return queries;
    }

    private JsonNode stats() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("__fake/stats")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void post(String path) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("The fake web player answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
