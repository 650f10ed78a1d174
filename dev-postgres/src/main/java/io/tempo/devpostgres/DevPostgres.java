package io.tempo.devpostgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local PostgreSQL 17 server from the binaries zonky ships in a Maven artifact: no Docker, no installed server,
 * works as root. The development and test stand-in for the database the service is given in production; the service
 * itself knows nothing of it and only ever sees the {@link #url() DATABASE_URL}.
 *
 * <pre>{@code
 * try (DevPostgres postgres = DevPostgres.builder().withoutDurability().start()) {
 *     connectTo(postgres.url()); // postgresql://postgres@localhost:<port>/postgres
 * }
 * }</pre>
 *
 * The server stops on {@link #close()} or, failing that, when the JVM exits (including on SIGTERM or Ctrl-C), so a
 * caller that forgets it leaves no orphan postmaster behind.
 */
public final class DevPostgres implements AutoCloseable {

    /** The bootstrap superuser: trust authentication on localhost, no password. */
    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final Path log;
    private final boolean logIsTemporary;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread stopAtExit;

    private DevPostgres(EmbeddedPostgres postgres, Path dataDirectory, Path log, boolean logIsTemporary) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.log = log;
        this.logIsTemporary = logIsTemporary;
        this.stopAtExit = new Thread(this::stop, "dev-postgres-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** A server on a free port with a fresh temporary data directory, deleted when it stops; change with the builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The libpq-style URL of the server's {@code postgres} database as its superuser (what DATABASE_URL takes). */
    public String url() {
        return "postgresql://" + SUPERUSER + "@localhost:" + port() + "/postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    /** Where the cluster lives (its {@code postmaster.pid} names the server's process). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Where initdb's, pg_ctl's and the server's own output go. */
    public Path log() {
        return log;
    }

    /** Stops the server (fast shutdown: open sessions are ended); later calls do nothing. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running or has run.
        }
    }

    private void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            postgres.close();
            if (logIsTemporary) {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the PostgreSQL with data in " + dataDirectory + " (see "
                    + log + ")", e);
        }
    }

    /** How to start the server. */
    public static final class Builder {

        private Path dataDirectory;
        private boolean keepData;
        private int port;
        private Path log;
        private Duration startupWait = Duration.ofMinutes(2);
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {
            // Only the loopback interface: a development database is never reachable from the network.
            settings.put("listen_addresses", "localhost");
        }

        /**
         * Keeps the cluster in {@code directory} across restarts: created with initdb the first time, reused after.
         * Two servers cannot share it: the second start fails while the first runs.
         */
        public Builder keepDataIn(Path directory) {
            this.dataDirectory = directory.toAbsolutePath().normalize();
            this.keepData = true;
            return this;
        }

        /** A new cluster in {@code directory} (whatever it held is deleted), deleted again when the server stops. */
        public Builder freshDataIn(Path directory) {
            this.dataDirectory = directory.toAbsolutePath().normalize();
            this.keepData = false;
            return this;
        }

        /** A fixed port (so a restart and {@code psql} find the same server); by default a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a port number: " + port);
            }
            this.port = port;
            return this;
        }

        /** Appends the server's output to {@code file}, kept; by default a temporary file deleted when it stops. */
        public Builder log(Path file) {
            this.log = file.toAbsolutePath().normalize();
            return this;
        }

        /** How long to wait for the server to accept connections (default two minutes: the machines may be busy). */
        public Builder startupWait(Duration wait) {
            this.startupWait = wait;
            return this;
        }

        /** A {@code postgresql.conf} setting, e.g. {@code setting("max_connections", "200")}. */
        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /**
         * No fsync, no full-page writes, no synchronous commit: for data nobody minds losing in a crash (tests), where
         * durability only costs time. Not for measurements, where it would flatter whatever commits often.
         */
        public Builder withoutDurability() {
            return setting("fsync", "off").setting("full_page_writes", "off").setting("synchronous_commit", "off");
        }

        /**
         * Starts the server and waits until it accepts connections.
         *
         * @throws IllegalStateException saying why, and where the server's output is
         */
        public DevPostgres start() {
            Path output = log;
            boolean temporaryLog = output == null;
            try {
                if (temporaryLog) {
                    output = Files.createTempFile("dev-postgres-", ".log");
                } else {
                    Files.createDirectories(output.getParent());
                }
                EmbeddedPostgres.Builder zonky = EmbeddedPostgres.builder()
                        .setPGStartupWait(startupWait)
                        // Ours stops the server whether or not the caller closes it, and only once.
                        .setRegisterShutdownHook(false)
                        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(output.toFile()))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(output.toFile()));
                settings.forEach(zonky::setServerConfig);
                if (port > 0) {
                    zonky.setPort(port);
                }
                Path directory = dataDirectory != null ? dataDirectory : Files.createTempDirectory("dev-postgres-");
                Files.createDirectories(directory.getParent());
                zonky.setDataDirectory(directory).setCleanDataDirectory(dataDirectory == null || !keepData);
                return new DevPostgres(zonky.start(), directory, output, temporaryLog);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("Could not start PostgreSQL" + (port > 0 ? " on port " + port : "")
                        + (dataDirectory != null ? " with data in " + dataDirectory : "")
                        + (output != null ? " (its output is in " + output + ")" : "") + ": " + e.getMessage(), e);
            }
        }
    }
}
