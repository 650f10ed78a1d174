package io.tempo.sync.store;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Readiness is DOWN while the schema is not what the service needs (a table, column or unique key missing, a column
 * of the wrong type), naming each problem, so a service whose every run would fail never receives traffic. The list
 * comes from {@code tempo.schema_problems}, the same check the migration runs before it adopts existing tables. Each
 * new set of problems is logged once, not at every probe.
 */
@Readiness
@ApplicationScoped
public class SchemaReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "Database schema";
    private static final Logger LOG = Logger.getLogger(SchemaReadinessCheck.class);
    private static final String PROBLEMS = "select problem from tempo.schema_problems(true) problem";

    private final Pool pool;
    private final AtomicReference<String> lastLogged = new AtomicReference<>("");

    public SchemaReadinessCheck(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.preparedQuery(PROBLEMS).execute()
                .map(rows -> {
                    List<String> problems = new ArrayList<>();
                    rows.forEach(row -> problems.add(row.getString(0)));
                    return problems.isEmpty() ? up() : down(String.join("; ", problems));
                })
                .onFailure().recoverWithItem(failure -> down(DatabaseErrors.describe(failure)));
    }

    private HealthCheckResponse up() {
        lastLogged.set("");
        return HealthCheckResponse.up(NAME);
    }

    private HealthCheckResponse down(String problems) {
        if (!problems.equals(lastLogged.getAndSet(problems))) {
            LOG.warnf("[Spotify Sync] Not ready, the database schema is not what the service needs: %s", problems);
        }
        return HealthCheckResponse.named(NAME).down().withData("problems", problems).build();
    }
}
