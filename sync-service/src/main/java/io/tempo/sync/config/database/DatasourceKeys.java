package io.tempo.sync.config.database;

import java.util.HashMap;
import java.util.Map;

/** The standard Quarkus datasource keys for a {@link DatabaseUrl} (also what the tests' database resources return). */
public final class DatasourceKeys {

    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String USERNAME = "quarkus.datasource.username";
    static final String PASSWORD = "quarkus.datasource.password";
    /**
     * libpq's {@code require} means "encrypt, do not verify the certificate" (Supabase and most hosts use certificates
     * the JVM does not trust); the reactive client verifies unless told to trust all, JDBC follows libpq by itself.
     */
    static final String REACTIVE_TRUST_ALL = "quarkus.datasource.reactive.trust-all";
    static final String REACTIVE_TRUST_PEM = "quarkus.datasource.reactive.trust-certificate-pem";
    static final String REACTIVE_TRUST_PEM_CERTS = "quarkus.datasource.reactive.trust-certificate-pem.certs";
    static final String REACTIVE_HOSTNAME_VERIFICATION = "quarkus.datasource.reactive.hostname-verification-algorithm";
    /**
     * Behind a transaction-mode pooler the reactive client sends each statement's parse, bind and execute in one go,
     * unnamed, so they cannot be split over two server connections ("unnamed prepared statement does not exist").
     * Statement caching is off anyway (application.properties).
     */
    static final String REACTIVE_LAYER7_PROXY = "quarkus.datasource.reactive.postgresql.use-layer7-proxy";

    private DatasourceKeys() {
    }

    /**
     * The datasource keys (URLs, credentials, TLS trust as libpq's sslmode implies, what a transaction-mode pooler
     * needs) that connect to {@code url}.
     */
    public static Map<String, String> of(DatabaseUrl url) {
        Map<String, String> keys = new HashMap<>();
        keys.put(REACTIVE_URL, url.reactiveUrl());
        keys.put(JDBC_URL, url.jdbcUrl());
        if (url.transactionPooler()) {
            keys.put(REACTIVE_LAYER7_PROXY, "true");
        }
        keys.put(USERNAME, url.username());
        if (url.password() != null) {
            keys.put(PASSWORD, url.password());
        }
        String sslMode = url.sslMode();
        if ("require".equals(sslMode) || "prefer".equals(sslMode) || "allow".equals(sslMode)) {
            keys.put(REACTIVE_TRUST_ALL, "true");
        }
        if ("verify-ca".equals(sslMode) || "verify-full".equals(sslMode)) {
            // The CA file of libpq's sslrootcert (JDBC reads the parameter itself); without it the JVM's trust store.
            String rootCertificate = url.parameters().get("sslrootcert");
            if (rootCertificate != null) {
                keys.put(REACTIVE_TRUST_PEM, "true");
                keys.put(REACTIVE_TRUST_PEM_CERTS, rootCertificate);
            }
            if ("verify-full".equals(sslMode)) {
                keys.put(REACTIVE_HOSTNAME_VERIFICATION, "HTTPS");
            }
        }
        return keys;
    }
}
