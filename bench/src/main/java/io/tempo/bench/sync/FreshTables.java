package io.tempo.bench.sync;

import io.tempo.bench.db.BenchDatabase;
import io.tempo.bench.db.BenchSchema;
import io.tempo.bench.db.Seeder;
import io.tempo.bench.sim.Users;

/** The seed phase: every phase starts from emptied tables holding only the seeded users and their tokens. */
final class FreshTables {

    private FreshTables() {
    }

    static void seed(BenchDatabase db, Users users) throws Exception {
        BenchSchema.reset(db);
        Seeder.seed(db, users);
        BenchSchema.settle(db);
    }
}
