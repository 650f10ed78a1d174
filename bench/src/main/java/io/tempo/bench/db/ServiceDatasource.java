package io.tempo.bench.db;

import java.util.Map;

/** How a service is told where its database is: the two ways the README documents, so both get measured. */
public enum ServiceDatasource {

    /** {@code DATABASE_URL}, the URL form Supabase and most hosts hand out. */
    DATABASE_URL("database-url", "DATABASE_URL"),
    /** The standard {@code QUARKUS_DATASOURCE_*} variables. */
    QUARKUS("quarkus", "QUARKUS_DATASOURCE_*");

    private final String option;
    private final String variables;

    ServiceDatasource(String option, String variables) {
        this.option = option;
        this.variables = variables;
    }

    /** The value of {@code --datasource-env} that selects it. */
    public static ServiceDatasource fromOption(String value) {
        for (ServiceDatasource datasource : values()) {
            if (datasource.option.equals(value)) {
                return datasource;
            }
        }
        throw new IllegalArgumentException("--datasource-env database-url|quarkus");
    }

    /** The variables the report names. */
    public String variables() {
        return variables;
    }

    /** The service's environment for {@code db}. */
    public Map<String, String> environment(BenchDatabase db) {
        return this == QUARKUS ? db.serviceDatasourceEnv() : Map.of("DATABASE_URL", db.serviceDatabaseUrl());
    }
}
