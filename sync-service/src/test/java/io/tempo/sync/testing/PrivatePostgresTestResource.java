package io.tempo.sync.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tempo.devpostgres.DevPostgres;
import io.tempo.sync.config.database.DatabaseUrl;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A PostgreSQL server of one test class's own, for tests that break their database (e.g. stop it), so the
 * shared one of {@link PostgresTestResource} is never touched. Started with the test's application, stopped with it.
 *
 * <p>The test gets a {@code Runnable} that stops the server: declare a field {@code Runnable stopDatabase;} and it
 * is injected. Usage, from a {@code QuarkusTestProfile} so the class runs in an application of its own:
 * <pre>{@code
 * public List<TestResourceEntry> testResources() {
 *     return List.of(new TestResourceEntry(PrivatePostgresTestResource.class));
 * }
 * }</pre>
 */
public class PrivatePostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private DevPostgres postgres;
    private final AtomicBoolean stopped = new AtomicBoolean();

    @Override
    public Map<String, String> start() {
        postgres = PostgresTestResource.startServer();
        return PostgresTestResource.quarkusConfig(DatabaseUrl.parse(postgres.url(), "the private test PostgreSQL"));
    }

    @Override
    public void inject(TestInjector testInjector) {
        // Runnable comes from the JDK, so the field matches whatever class loader loaded the test.
        testInjector.injectIntoFields((Runnable) this::stop, new TestInjector.MatchesType(Runnable.class));
    }

    @Override
    public void stop() {
        if (postgres != null && stopped.compareAndSet(false, true)) {
            postgres.close();
        }
    }
}
