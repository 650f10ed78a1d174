package io.tempo.sync.store;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Ingests plays through {@code ingest_spotify_plays}, one round trip per call. */
@ApplicationScoped
public class PlayStore {

    /**
     * Ingests Spotify's {@code items} (PlayHistoryObjects, as they came) for a user atomically and
     * returns how many plays were new. Items already stored or without a track id are skipped.
     */
    public Uni<Integer> ingest(UUID userId, JsonArray items) {
        throw new UnsupportedOperationException("TODO store helper");
    }
}
