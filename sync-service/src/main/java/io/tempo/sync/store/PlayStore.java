package io.tempo.sync.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Ingests plays through {@code ingest_spotify_plays_batch}. Users whose pages arrive while earlier batches are
 * being stored travel together, several users a round trip (see {@link IngestBatches}); each user still gets their
 * own outcome, and one user's bad data or failure never touches another's rows.
 */
@ApplicationScoped
public class PlayStore {

    /** The items travel as text (a String bound to a jsonb parameter would be sent as one JSON string). */
    private static final String INGEST = "select batch_position, new_plays, error_state, error_message"
            + " from tempo.ingest_spotify_plays_batch($1, $2::text[]::jsonb[])";
    /** What the function reports for a malformed item (invalid_parameter_value). */
    private static final String MALFORMED_STATE = "22023";
    private static final String MALFORMED_PREFIX = "ingest_spotify_plays: malformed Spotify play history, ";

    private final Pool pool;
    private final IngestBatches batches;

    public PlayStore(Pool pool) {
        this.pool = pool;
        this.batches = new IngestBatches(this::ingestTogether);
    }

    /**
     * Ingests Spotify's play history for a user atomically and returns how many plays were new: {@code items}
     * holds one PlayHistoryObject's JSON text each. Items already stored or without a track id are skipped.
     * Fails with {@link MalformedPlaysException} when an item is malformed; nothing of the user's is written then.
     */
    public Uni<Integer> ingest(UUID userId, List<String> items) {
        return batches.submit(new IngestBatches.Pending(userId, "[" + String.join(",", items) + "]"));
    }

    /** One round trip for the batch; each user's outcome, in the batch's order. */
    private Uni<List<IngestBatches.Outcome>> ingestTogether(List<IngestBatches.Pending> batch) {
        UUID[] users = new UUID[batch.size()];
        String[] items = new String[batch.size()];
        for (int i = 0; i < users.length; i++) {
            users[i] = batch.get(i).userId();
            items[i] = batch.get(i).itemsJson();
        }
        return pool.preparedQuery(INGEST).execute(Tuple.of(users, items)).map(rows -> {
            IngestBatches.Outcome[] outcomes = new IngestBatches.Outcome[users.length];
            for (Row row : rows) {
                outcomes[row.getInteger("batch_position") - 1] = outcome(row);
            }
            return Arrays.asList(outcomes);
        });
    }

    private static IngestBatches.Outcome outcome(Row row) {
        String state = row.getString("error_state");
        if (state == null) {
            return new IngestBatches.Outcome(row.getInteger("new_plays"), null);
        }
        String message = row.getString("error_message");
        PgException failure = new PgException(message, "ERROR", state, null);
        if (MALFORMED_STATE.equals(state) && message != null && message.startsWith(MALFORMED_PREFIX)) {
            return new IngestBatches.Outcome(null, new MalformedPlaysException(
                    "Malformed Spotify play history: " + message.substring(MALFORMED_PREFIX.length()), failure));
        }
        return new IngestBatches.Outcome(null, failure);
    }
}
