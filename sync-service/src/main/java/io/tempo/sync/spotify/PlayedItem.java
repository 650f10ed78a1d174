package io.tempo.sync.spotify;

import java.time.Instant;

/** One PlayHistoryObject as JSON text, cut down to the fields the database reads, with its {@code played_at} read. */
public record PlayedItem(Instant playedAt, String json) {
}
