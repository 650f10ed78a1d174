package io.tempo.sync.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** Starts a throw-away zonky embedded PostgreSQL tuned for tests (real binaries, no Docker, works as root). */
final class EmbeddedTestPostgres {

    private EmbeddedTestPostgres() {
    }

    /** A fresh server on a free port with a clean temporary data directory; the caller closes it. */
    static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder()
                    // Durability is worthless for test data; skipping fsync keeps the suite fast.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for the tests", e);
        }
    }

    /** The connection URL of a zonky server in the DATABASE_URL format (zonky's superuser has no password). */
    static String url(EmbeddedPostgres postgres) {
        return "postgresql://postgres@localhost:" + postgres.getPort() + "/postgres";
    }
}
