package io.tempo.sync.spotify;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One PlayHistoryObject as Spotify sent it, with its {@code played_at} already read. */
public record PlayedItem(Instant playedAt, JsonObject json) {
}
