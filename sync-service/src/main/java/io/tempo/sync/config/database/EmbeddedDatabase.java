package io.tempo.sync.config.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The embedded PostgreSQL of {@code SYNC_EMBEDDED_DB=true} and of dev mode: real PostgreSQL binaries shipped in a
 * Maven artifact (zonky), data kept in a directory across restarts.
 *
 * <p>This is the ONLY class that references zonky, and it is reached only in embedded mode, reflectively from
 * {@link EmbeddedDatabaseConfigSource}. The native executable expects an external database ({@code DATABASE_URL}):
 * {@link DatabaseConfigSourceFactory} refuses embedded mode there, and with no static call path to this class the
 * native image leaves zonky out.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    /*
     * Dev mode reloads application classes in a new class loader, so a static field would not stop a second start on
     * the same port and directory. The URL of the running server lives in a system property instead.
     */
    private static final String RUNNING_URL_PROPERTY = "tempo.sync.embedded-postgres-url";

    private EmbeddedDatabase() {
    }

    /** Starts the server once per JVM (later calls return the running one) and returns its connection URL. */
    public static DatabaseUrl ensureStarted(Path dataDirectory, int port) {
        synchronized (System.getProperties()) {
            String running = System.getProperty(RUNNING_URL_PROPERTY);
            if (running == null) {
                EmbeddedPostgres postgres = start(dataDirectory.toAbsolutePath().normalize(), port);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres), "embedded-postgres-stop"));
                running = "postgresql://postgres@localhost:" + postgres.getPort() + "/postgres";
                System.setProperty(RUNNING_URL_PROPERTY, running);
            }
            return DatabaseUrl.parse(running, "the embedded PostgreSQL");
        }
    }

    private static EmbeddedPostgres start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false)
                    .start();
            LOG.infof("Embedded PostgreSQL on localhost:%d, data in %s (kept across restarts; delete the directory to "
                    + "start over)", port, dataDirectory);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL on port " + port + " with data in "
                    + dataDirectory + " (is another instance using that port or directory?)", e);
        }
    }

    private static void stop(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Could not stop the embedded PostgreSQL cleanly", e);
        }
    }
}
