package io.tempo.sync.store;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Groups ingests into round trips without delaying any: an ingest is sent at once while fewer than
 * {@link #MAX_IN_FLIGHT} batches are being stored; otherwise it waits and leaves with everything that queued up
 * behind it as soon as one of them returns. So a quiet run stores each user alone, as before, and a busy one sends
 * PostgreSQL a few large statements instead of many small ones (less parsing, planning and committing per user,
 * see BENCHMARKS.md).
 */
final class IngestBatches {

    /**
     * Batches stored at once. PostgreSQL works on a batch with one backend, so two keep both cores of a small
     * server busy while a third travels; more would only shrink the batches.
     */
    static final int MAX_IN_FLIGHT = 3;
    /** Users a statement at most: keeps one statement's locks, memory and duration small. */
    static final int MAX_BATCH = 32;

    /** One user's items (a JSON array's text) waiting for a batch. */
    record Pending(UUID userId, String itemsJson) {
    }

    /** What became of one user's ingest: the number of new plays, or the failure. */
    record Outcome(Integer newPlays, Throwable failure) {
    }

    /**
     * A caller, with the Vert.x context it asked from (null off Vert.x). A batch's answer arrives on one connection's
     * context; handing every caller their outcome there would move all of them, and then the Spotify calls and page
     * parsing that follow, onto that one event loop. So each hears of it on its own context, as a query of its own
     * would have answered it.
     */
    private record Waiting(Pending pending, UniEmitter<? super Integer> emitter, Context context) {

        void complete(Integer newPlays) {
            deliver(() -> emitter.complete(newPlays));
        }

        void fail(Throwable failure) {
            deliver(() -> emitter.fail(failure));
        }

        private void deliver(Runnable outcome) {
            if (context == null || context == Vertx.currentContext()) {
                outcome.run();
            } else {
                context.runOnContext(ignored -> outcome.run());
            }
        }
    }

    private final Function<List<Pending>, Uni<List<Outcome>>> store;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private int inFlight;

    IngestBatches(Function<List<Pending>, Uni<List<Outcome>>> store) {
        this.store = store;
    }

    /** The user's number of new plays, once the batch that carried them is stored. */
    Uni<Integer> submit(Pending pending) {
        return Uni.createFrom().emitter(emitter -> {
            List<Waiting> batch;
            synchronized (queue) {
                queue.add(new Waiting(pending, emitter, Vertx.currentContext()));
                batch = inFlight < MAX_IN_FLIGHT ? take() : null;
            }
            send(batch);
        });
    }

    /** Called holding the lock: the next batch, counted as in flight; null when nothing waits. */
    private List<Waiting> take() {
        if (queue.isEmpty()) {
            return null;
        }
        List<Waiting> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
        while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
            batch.add(queue.poll());
        }
        inFlight++;
        return batch;
    }

    private void send(List<Waiting> batch) {
        if (batch == null) {
            return;
        }
        Uni<List<Outcome>> stored;
        try {
            stored = store.apply(batch.stream().map(Waiting::pending).toList());
        } catch (RuntimeException e) {
            stored = Uni.createFrom().failure(e);
        }
        // Whatever happens, the batch's callers hear of it; a cancelled caller's plays are still stored.
        stored.subscribe().with(outcomes -> {
            sendNext();
            for (int i = 0; i < batch.size(); i++) {
                Outcome outcome = outcomes.get(i);
                Waiting waiting = batch.get(i);
                if (outcome == null) {
                    waiting.fail(new IllegalStateException("ingest_spotify_plays_batch returned no row for a user"));
                } else if (outcome.failure() != null) {
                    waiting.fail(outcome.failure());
                } else {
                    waiting.complete(outcome.newPlays());
                }
            }
        }, failure -> {
            sendNext();
            batch.forEach(waiting -> waiting.fail(failure));
        });
    }

    private void sendNext() {
        List<Waiting> next;
        synchronized (queue) {
            inFlight--;
            next = take();
        }
        send(next);
    }
}
