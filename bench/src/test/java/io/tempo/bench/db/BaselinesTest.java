package io.tempo.bench.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.tempo.bench.naive.NaiveSync;
import io.tempo.bench.sim.SimulatorConfig;
import io.tempo.bench.sim.SpotifySimulator;
import io.tempo.bench.sim.Users;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The harness's own correctness on a real PostgreSQL with the service's migration: each baseline stores
 * exactly the rows the seed predicts, and the verifier notices a lost or a wrong play. Tiny sizes; no
 * figure here is a benchmark.
 */
class BaselinesTest {

    private static final Path MIGRATIONS = Path.of("../sync-service/src/main/resources/db/migration");
    private static Path data;
    private static BenchPostgres server;
    private static BenchDatabase postgres;
    private static SpotifySimulator sim;
    private static Users users;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("bench-test-pg-");
        server = BenchPostgres.start(data, false);
        postgres = server.createDatabase("tempo");
        BenchSchema.migrate(postgres, MIGRATIONS);
        sim = SpotifySimulator.start(SimulatorConfig.quiet(24, 50).withTokens(0.5, 0.3, 0.5).withLocalShare(0.05),
                "127.0.0.1", 0);
        users = sim.users();
    }

    @AfterAll
    static void stop() throws Exception {
        if (sim != null) {
            sim.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void emptyTables() throws Exception {
        BenchSchema.reset(postgres);
        Seeder.seed(postgres, users);
    }

    @Test
    void naiveSyncStoresExactlyTheExpectedPlaysAndRevokedUsersFail() throws Exception {
        StatementCounter.reset(postgres);
        NaiveSync.Result result = new NaiveSync(postgres, users, sim.baseUrl(), sim.baseUrl())
                .run(Integer.MAX_VALUE, Duration.ofMinutes(2));

        assertThat(result.usersDone()).isEqualTo(24);
        int revoked = 0;
        for (int u = 0; u < users.count(); u++) {
            revoked += users.revoked(u) ? 1 : 0;
        }
        assertThat(revoked).isPositive();
        assertThat(result.failed()).isEqualTo(revoked);
        PlayVerifier.Verification verification = PlayVerifier.verify(postgres, users, u -> true);
        assertThat(verification.exact()).as(verification.toString()).isTrue();
        assertThat(result.playsInserted()).isEqualTo(new ExpectedRows(users).plays());
        // Five statements per stored play plus a few per user: the per-row shape the baseline stands for.
        assertThat(StatementCounter.of(postgres, BenchPostgres.NAIVE_ROLE).statements())
                .isGreaterThan(5 * result.playsInserted());
    }

    @Test
    void copyCeilingWritesTheSameRowsAsAFullSync() throws Exception {
        ExpectedRows expected = new ExpectedRows(users);
        CopyBaseline.Result result = CopyBaseline.run(postgres, expected);

        assertThat(result.plays()).isEqualTo(expected.plays());
        assertThat(PlayVerifier.verify(postgres, users, u -> true).exact()).isTrue();
        assertThat(BenchSchema.count(postgres, "public.tracks")).isEqualTo(expected.tracks());
        assertThat(BenchSchema.count(postgres, "public.artists")).isEqualTo(expected.artists());
        assertThat(BenchSchema.count(postgres, "public.track_artists")).isEqualTo(expected.trackArtists());
    }

    @Test
    void ingestFunctionAloneStoresTheSameCatalogAsCopy() throws Exception {
        ExpectedRows expected = new ExpectedRows(users);
        IngestBaseline.Result result = IngestBaseline.run(postgres, users, 2);

        assertThat(result.plays()).isEqualTo(expected.plays());
        assertThat(PlayVerifier.verify(postgres, users, u -> true).exact()).isTrue();
        assertThat(BenchSchema.count(postgres, "public.albums")).isEqualTo(expected.albums());
        assertThat(BenchSchema.count(postgres, "public.artists")).isEqualTo(expected.artists());
        assertThat(BenchSchema.count(postgres, "public.track_artists")).isEqualTo(expected.trackArtists());
    }

    @Test
    void batchedIngestStoresExactlyWhatOneUserACallStores() throws Exception {
        ExpectedRows expected = new ExpectedRows(users);
        IngestBaseline.Result result = IngestBaseline.run(postgres, users, 2, users.count(), true, 7);

        assertThat(result.plays()).isEqualTo(expected.plays());
        assertThat(PlayVerifier.verify(postgres, users, u -> true).exact()).isTrue();
        assertThat(BenchSchema.count(postgres, "public.tracks")).isEqualTo(expected.tracks());
        assertThat(BenchSchema.count(postgres, "public.track_artists")).isEqualTo(expected.trackArtists());
    }

    @Test
    void verifierReportsALostPlayAndAShiftedTimestamp() throws Exception {
        CopyBaseline.run(postgres, new ExpectedRows(users));
        try (Connection c = postgres.admin(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM plays WHERE ctid = (SELECT ctid FROM plays LIMIT 1)");
            s.execute("UPDATE plays SET played_at = played_at + interval '1 millisecond' "
                    + "WHERE ctid = (SELECT ctid FROM plays LIMIT 1)");
        }
        PlayVerifier.Verification verification = PlayVerifier.verify(postgres, users, u -> true);

        assertThat(verification.exact()).isFalse();
        assertThat(verification.missing()).isEqualTo(2);
        assertThat(verification.unexpected()).isEqualTo(1);
    }
}
