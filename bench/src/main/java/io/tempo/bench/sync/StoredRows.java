package io.tempo.bench.sync;

import io.tempo.bench.db.BenchDatabase;
import io.tempo.bench.db.PlayVerifier;
import io.tempo.bench.sim.Users;

/**
 * The row check of the baselines: a baseline that stored other rows than the sync must would make every ratio
 * against it meaningless, so it stops the benchmark instead of being reported.
 */
final class StoredRows {

    private StoredRows() {
    }

    /** The stored plays equal the simulator's, and the baseline's own count of what it inserted agrees. */
    static void requireExact(BenchDatabase db, Users users, String baseline, long inserted, long expected)
            throws Exception {
        PlayVerifier.Verification verification = PlayVerifier.verify(db, users, u -> true);
        if (!verification.exact() || inserted != expected) {
            throw new IllegalStateException(baseline + " stored the wrong rows: " + verification);
        }
    }
}
