package io.tempo.sync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared test database is migrated at start-up and {@link TestDatabase} empties and fills it. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class PostgresTestResourceTest {

    @Inject
    TestDatabase db;

    @BeforeEach
    void clean() {
        db.reset();
    }

    @Test
    void applicationStartsMigratedAndResetEmptiesEveryTable() {
        UUID user = db.insertUserWithTokens("access", "refresh");
        db.insertPlay(user, "track-1", Instant.parse("2024-05-01T10:00:00Z"));
        db.execute("insert into tempo.sync_run_leases (shard_key, owner, expires_at) values ('all', 'x', now())");
        assertThat(db.count("auth.users")).isEqualTo(1);
        assertThat(db.count("plays")).isEqualTo(1);

        db.reset();

        for (String table : new String[] {"auth.users", "spotify_tokens", "plays", "tracks", "tempo.sync_run_leases"}) {
            assertThat(db.count(table)).as(table).isZero();
        }
    }

    @Test
    void theSharedServerIsOnePerJvm() {
        assertThat(PostgresTestResource.database().port()).isEqualTo(PostgresTestResource.database().port());
    }
}
