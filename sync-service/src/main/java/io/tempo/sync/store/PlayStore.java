package io.tempo.sync.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Ingests plays through {@code ingest_spotify_plays}, one round trip per call. */
@ApplicationScoped
public class PlayStore {

    /** The items travel as text (a String bound to a jsonb parameter would be sent as one JSON string). */
    private static final String INGEST = "select tempo.ingest_spotify_plays($1, $2::text::jsonb)";
    /** What ingest_spotify_plays raises for a malformed item (invalid_parameter_value). */
    private static final String MALFORMED_STATE = "22023";
    private static final String MALFORMED_PREFIX = "ingest_spotify_plays: malformed Spotify play history, ";

    private final Pool pool;

    public PlayStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Ingests Spotify's play history for a user atomically and returns how many plays were new: {@code items}
     * holds one PlayHistoryObject's JSON text each. Items already stored or without a track id are skipped.
     * Fails with {@link MalformedPlaysException} when an item is malformed; nothing is written then.
     */
    public Uni<Integer> ingest(UUID userId, List<String> items) {
        return pool.preparedQuery(INGEST).execute(Tuple.of(userId, "[" + String.join(",", items) + "]"))
                .map(rows -> rows.iterator().next().getInteger(0))
                .onFailure(PlayStore::isMalformed).transform(failure -> new MalformedPlaysException(
                        "Malformed Spotify play history: " + ((PgException) failure).getErrorMessage()
                                .substring(MALFORMED_PREFIX.length()), failure));
    }

    private static boolean isMalformed(Throwable failure) {
        return failure instanceof PgException pg && MALFORMED_STATE.equals(pg.getSqlState())
                && pg.getErrorMessage() != null && pg.getErrorMessage().startsWith(MALFORMED_PREFIX);
    }
}
