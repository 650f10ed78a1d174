package io.tempo.sync.spotify;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One PlayHistoryObject, cut down to the fields the database reads, with its {@code played_at} already read. */
public record PlayedItem(Instant playedAt, JsonObject json) {
}
