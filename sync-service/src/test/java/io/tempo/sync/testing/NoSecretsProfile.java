package io.tempo.sync.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * CRON_SECRET, SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET unset: {@code ${CRON_SECRET:}} and friends
 * expand to empty values, which the service must treat as "not configured".
 */
public class NoSecretsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("sync.cron-secret", "", "sync.spotify.client-id", "", "sync.spotify.client-secret", "");
    }
}
