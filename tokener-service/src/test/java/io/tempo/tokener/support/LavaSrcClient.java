package io.tempo.tokener.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Clock;

/**
 * Asks for tokens the way LavaSrc's {@code SpotifyTokenTracker} does through lavaplayer's HTTP client: 3 s to
 * connect and 3 s to read, no retry, any status but 200 or any top-level {@code error} is a failure, and the
 * token is kept to its exact expiry and asked for again once that has passed (once per token lifetime). Account
 * requests carry {@code Cookie: sp_dc=…} and {@code App-Platform: WebPlayer}.
 */
public final class LavaSrcClient {

    public static final int CONNECT_TIMEOUT_MS = 3_000;
    public static final int READ_TIMEOUT_MS = 3_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String spDc;
    private final Clock clock;
    private final int readTimeoutMs;
    private Answer cached;

    private LavaSrcClient(URI endpoint, String spDc, Clock clock, int readTimeoutMs) {
        this.endpoint = endpoint;
        this.spDc = spDc;
        this.clock = clock;
        this.readTimeoutMs = readTimeoutMs;
    }

    public static LavaSrcClient anonymous(URI endpoint, Clock clock) {
        return new LavaSrcClient(endpoint, null, clock, READ_TIMEOUT_MS);
    }

    public static LavaSrcClient account(URI endpoint, String spDc, Clock clock) {
        return new LavaSrcClient(endpoint, spDc, clock, READ_TIMEOUT_MS);
    }

    /**
     * The same client without LavaSrc's read timeout, for tests of what LavaSrc reads rather than of how fast:
     * on a loaded machine a fetch for a cold cache may outlast 3 s.
     */
    public LavaSrcClient waitingAsLongAsItTakes() {
        return new LavaSrcClient(endpoint, spDc, clock, 0);
    }

    /** LavaSrc's own rule: the cached token until its exact expiry, then one request. */
    public Answer token() throws IOException {
        if (cached != null && clock.millis() < cached.expiresAtMs()) {
            return cached;
        }
        Answer answer = request();
        if (!answer.ok()) {
            throw new LavaSrcFailure(answer);
        }
        cached = answer;
        return answer;
    }

    /** The cached token has expired: LavaSrc's next track load asks again. */
    public boolean tokenExpired() {
        return cached == null || clock.millis() >= cached.expiresAtMs();
    }

    /** One request, whatever the cache: what a LavaSrc track load does when it has no token. */
    public Answer request() throws IOException {
        long started = System.nanoTime();
        HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(readTimeoutMs);
        connection.setInstanceFollowRedirects(false);
        if (spDc != null) {
            connection.setRequestProperty("Cookie", "sp_dc=" + spDc);
            connection.setRequestProperty("App-Platform", "WebPlayer");
        }
        try {
            int status = connection.getResponseCode(); // a read timeout throws here: LavaSrc's failed load
            try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                JsonNode json = JSON.readTree(body);
                return new Answer(status, json, (System.nanoTime() - started) / 1_000_000);
            }
        } finally {
            connection.disconnect();
        }
    }

    /**
     * One answer as LavaSrc sees it.
     *
     * @param tookMs how long the call took, connect and read included
     */
    public record Answer(int status, JsonNode json, long tookMs) {

        public boolean ok() {
            return status == 200 && !json.has("error") && json.hasNonNull("accessToken");
        }

        public String accessToken() {
            return json.path("accessToken").asText(null);
        }

        public long expiresAtMs() {
            return json.path("accessTokenExpirationTimestampMs").asLong();
        }

        public boolean cached() {
            return json.path("cached").asBoolean();
        }
    }

    /** What LavaSrc logs as a failed token request. */
    public static final class LavaSrcFailure extends IOException {

        private final transient Answer answer;

        LavaSrcFailure(Answer answer) {
            super("LavaSrc would fail on " + answer.status() + " " + answer.json());
            this.answer = answer;
        }

        public Answer answer() {
            return answer;
        }
    }
}
