package io.tempo.sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestBatchesTest {

    /** A store that holds every batch until the test answers it. */
    private static final class HeldStore {
        final List<List<IngestBatches.Pending>> batches = new CopyOnWriteArrayList<>();
        final List<UniEmitter<? super List<IngestBatches.Outcome>>> answers = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        int mostInFlight;

        Uni<List<IngestBatches.Outcome>> store(List<IngestBatches.Pending> batch) {
            return Uni.createFrom().emitter(emitter -> {
                batches.add(batch);
                answers.add(emitter);
                mostInFlight = Math.max(mostInFlight, inFlight.incrementAndGet());
            });
        }

        void answer(int batch, List<IngestBatches.Outcome> outcomes) {
            inFlight.decrementAndGet();
            answers.get(batch).complete(outcomes);
        }

        void fail(int batch, Throwable failure) {
            inFlight.decrementAndGet();
            answers.get(batch).fail(failure);
        }
    }

    private static IngestBatches.Pending pending(int i) {
        return new IngestBatches.Pending(new UUID(0, i), "[" + i + "]");
    }

    private static List<IngestBatches.Outcome> counts(List<IngestBatches.Pending> batch) {
        return batch.stream().map(p -> new IngestBatches.Outcome(Integer.parseInt(p.itemsJson().replaceAll("\\D", "")), null)).toList();
    }

    @Test
    void aQuietStoreSendsEachUserAtOnceAndAlone() {
        HeldStore store = new HeldStore();
        IngestBatches batches = new IngestBatches(store::store);

        Uni<Integer> stored = batches.submit(pending(7)).memoize().indefinitely();
        stored.subscribe().with(n -> { }, f -> { });

        assertThat(store.batches).containsExactly(List.of(pending(7)));
        store.answer(0, counts(store.batches.get(0)));
        assertThat(stored.await().atMost(Duration.ofSeconds(1))).isEqualTo(7);
    }

    @Test
    void usersArrivingWhileBatchesAreStoredLeaveTogetherWhenOneReturns() {
        HeldStore store = new HeldStore();
        IngestBatches batches = new IngestBatches(store::store);
        List<Integer> results = new CopyOnWriteArrayList<>();
        int users = IngestBatches.MAX_IN_FLIGHT + 10;
        for (int i = 0; i < users; i++) {
            batches.submit(pending(i)).subscribe().with(results::add);
        }

        assertThat(store.batches).as("one batch per free slot, the rest wait").hasSize(IngestBatches.MAX_IN_FLIGHT);
        store.answer(0, counts(store.batches.get(0)));

        assertThat(store.batches).hasSize(IngestBatches.MAX_IN_FLIGHT + 1);
        assertThat(store.batches.get(IngestBatches.MAX_IN_FLIGHT)).as("everyone who waited, in arrival order")
                .extracting(IngestBatches.Pending::itemsJson)
                .containsExactlyElementsOf(range(IngestBatches.MAX_IN_FLIGHT, users));
        for (int b = 1; b < store.batches.size(); b++) {
            store.answer(b, counts(store.batches.get(b)));
        }
        assertThat(results).containsExactlyInAnyOrderElementsOf(
                range(0, users).stream().map(s -> Integer.parseInt(s.replaceAll("\\D", ""))).toList());
        assertThat(store.mostInFlight).isEqualTo(IngestBatches.MAX_IN_FLIGHT);
    }

    @Test
    void aBatchNeverCarriesMoreThanItsLimit() {
        HeldStore store = new HeldStore();
        IngestBatches batches = new IngestBatches(store::store);
        int users = IngestBatches.MAX_IN_FLIGHT + 2 * IngestBatches.MAX_BATCH + 5;
        for (int i = 0; i < users; i++) {
            batches.submit(pending(i)).subscribe().with(n -> { });
        }
        for (int b = 0; b < store.batches.size(); b++) {
            store.answer(b, counts(store.batches.get(b)));
        }

        assertThat(store.batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(IngestBatches.MAX_BATCH));
        assertThat(store.batches.stream().mapToInt(List::size).sum()).isEqualTo(users);
    }

    @Test
    void eachUserHearsTheirOwnOutcome() {
        HeldStore store = new HeldStore();
        IngestBatches batches = new IngestBatches(store::store);
        List<Uni<Integer>> blocked = new ArrayList<>();
        for (int i = 0; i < IngestBatches.MAX_IN_FLIGHT; i++) {
            blocked.add(batches.submit(pending(100 + i)).memoize().indefinitely());
            blocked.get(i).subscribe().with(n -> { }, f -> { });
        }
        Uni<Integer> fine = batches.submit(pending(1)).memoize().indefinitely();
        Uni<Integer> malformed = batches.submit(pending(2)).memoize().indefinitely();
        fine.subscribe().with(n -> { }, f -> { });
        malformed.subscribe().with(n -> { }, f -> { });
        store.answer(0, counts(store.batches.get(0)));

        List<IngestBatches.Pending> together = store.batches.get(IngestBatches.MAX_IN_FLIGHT);
        assertThat(together).containsExactly(pending(1), pending(2));
        MalformedPlaysException refusal = new MalformedPlaysException("Malformed Spotify play history: item 0: track is missing", null);
        store.answer(IngestBatches.MAX_IN_FLIGHT, List.of(new IngestBatches.Outcome(5, null), new IngestBatches.Outcome(null, refusal)));

        assertThat(fine.await().atMost(Duration.ofSeconds(1))).isEqualTo(5);
        assertThatThrownBy(() -> malformed.await().atMost(Duration.ofSeconds(1))).isSameAs(refusal);
    }

    @Test
    void aFailedRoundTripFailsEveryUserOfItAndTheNextBatchStillLeaves() {
        HeldStore store = new HeldStore();
        IngestBatches batches = new IngestBatches(store::store);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < IngestBatches.MAX_IN_FLIGHT; i++) {
            batches.submit(pending(i)).subscribe().with(n -> { }, failures::add);
        }
        Uni<Integer> later = batches.submit(pending(42)).memoize().indefinitely();
        later.subscribe().with(n -> { }, f -> { });
        IllegalStateException connectionLost = new IllegalStateException("connection closed");

        store.fail(0, connectionLost);
        store.answer(IngestBatches.MAX_IN_FLIGHT, counts(store.batches.get(IngestBatches.MAX_IN_FLIGHT)));

        assertThat(failures).containsExactly(connectionLost);
        assertThat(later.await().atMost(Duration.ofSeconds(1))).isEqualTo(42);
    }

    @Test
    void eachCallerHearsOnTheVertxContextItAskedFrom() throws Exception {
        // Two Vert.x instances: one instance hands a thread outside it the same context every time.
        Vertx one = Vertx.vertx();
        Vertx other = Vertx.vertx();
        try {
            HeldStore store = new HeldStore();
            IngestBatches batches = new IngestBatches(store::store);
            Context first = one.getOrCreateContext();
            Context second = other.getOrCreateContext();
            for (int i = 0; i < IngestBatches.MAX_IN_FLIGHT; i++) {
                batches.submit(pending(100 + i)).subscribe().with(n -> { }, f -> { });
            }
            Map<Integer, Context> heardOn = new ConcurrentHashMap<>();
            CountDownLatch queued = new CountDownLatch(2);
            CountDownLatch heard = new CountDownLatch(2);
            for (Context context : List.of(first, second)) {
                int user = context == first ? 1 : 2;
                context.runOnContext(v -> {
                    batches.submit(pending(user)).subscribe().with(n -> {
                        heardOn.put(n, Vertx.currentContext());
                        heard.countDown();
                    });
                    queued.countDown();
                });
            }
            assertThat(queued.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(store.batches).as("both wait behind the full slots").hasSize(IngestBatches.MAX_IN_FLIGHT);

            // The batch that carries both leaves from whichever thread answers the batch before it.
            store.answer(0, counts(store.batches.get(0)));
            store.answer(IngestBatches.MAX_IN_FLIGHT, counts(store.batches.get(IngestBatches.MAX_IN_FLIGHT)));

            assertThat(heard.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(heardOn).containsEntry(1, first).containsEntry(2, second);
        } finally {
            one.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            other.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    private static List<String> range(int from, int to) {
        List<String> texts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            texts.add("[" + i + "]");
        }
        return texts;
    }
}
