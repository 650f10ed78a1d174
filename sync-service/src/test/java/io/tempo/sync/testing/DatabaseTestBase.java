package io.tempo.sync.testing;

import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the {@code @QuarkusTest}s that use {@link PostgresTestResource}: every test starts from empty tables
 * ({@link TestDatabase#reset()}). The subclass names its test resources, so Quarkus still sees which tests can share
 * an application.
 */
public abstract class DatabaseTestBase {

    @Inject
    protected TestDatabase db;

    @BeforeEach
    void startFromAnEmptyDatabase() {
        db.reset();
    }
}
