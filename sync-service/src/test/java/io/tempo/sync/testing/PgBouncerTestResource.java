package io.tempo.sync.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tempo.sync.config.database.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real PgBouncer (Debian's {@code pgbouncer}) in transaction mode in front of a database of its own on the shared
 * test server, the way Supabase's port 6543 pools: consecutive transactions of one client connection land on
 * different server connections (only two of them for many clients). One per JVM, started on first use and kept
 * across Quarkus restarts, so a second application start meets server connections the first one used, as a restarted
 * service does. Configured with what the README says a PgBouncer needs, and nothing more.
 *
 * <p>The application is given the URL with {@code ?pgbouncer=true}, as Supabase's and Prisma's connection strings
 * carry it, so the service's own recognition of the pooler is what configures both clients.
 */
public class PgBouncerTestResource implements QuarkusTestResourceLifecycleManager {

    static final String DATABASE = "pooled";
    private static final String SHARED_PORT_PROPERTY = "tempo.test.pgbouncer-port";

    @Override
    public Map<String, String> start() {
        return PostgresTestResource.quarkusConfig(url());
    }

    @Override
    public void stop() {
        // Kept for the next application start; a JVM shutdown hook stops it.
    }

    /** The pooled database's URL, as a user would set DATABASE_URL for it; starts PgBouncer on first use. */
    public static DatabaseUrl url() {
        DatabaseUrl server = PostgresTestResource.database();
        return DatabaseUrl.parse("postgresql://" + server.username() + "@127.0.0.1:" + port() + "/" + DATABASE
                + "?pgbouncer=true", "the PgBouncer of the tests");
    }

    private static int port() {
        Properties jvmWide = System.getProperties();
        synchronized (jvmWide) {
            String port = jvmWide.getProperty(SHARED_PORT_PROPERTY);
            if (port == null) {
                port = Integer.toString(start(PostgresTestResource.database()));
                jvmWide.setProperty(SHARED_PORT_PROPERTY, port);
            }
            return Integer.parseInt(port);
        }
    }

    private static int start(DatabaseUrl server) {
        try {
            PostgresTestResource.scratchDatabase(DATABASE);
            Path dir = Files.createTempDirectory("tempo-pgbouncer", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
            int port = freePort();
            Path users = Files.writeString(dir.resolve("users.txt"), "\"" + server.username() + "\" \"\"\n");
            Path ini = Files.writeString(dir.resolve("pgbouncer.ini"), """
                    [databases]
                    %s = host=%s port=%d dbname=%s
                    [pgbouncer]
                    listen_addr = 127.0.0.1
                    listen_port = %d
                    unix_socket_dir =
                    auth_type = trust
                    auth_file = %s
                    pool_mode = transaction
                    default_pool_size = 2
                    max_client_conn = 200
                    ignore_startup_parameters = extra_float_digits
                    """.formatted(DATABASE, server.host(), server.port(), DATABASE, port, users));
            ProcessBuilder command = new ProcessBuilder(executable(), ini.toString());
            if ("root".equals(System.getProperty("user.name"))) {
                command = new ProcessBuilder(executable(), "-u", "nobody", ini.toString()); // it refuses to run as root
            }
            Process pgbouncer = command.redirectErrorStream(true)
                    .redirectOutput(dir.resolve("pgbouncer.log").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(pgbouncer::destroy, "pgbouncer-stop"));
            awaitOwnPgBouncer(pgbouncer, port, server.username(), dir.resolve("pgbouncer.log"));
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PgBouncer for the tests", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare PgBouncer's database", e);
        }
    }

    /**
     * Polls until the PgBouncer this JVM started listens on its port and hands out the pooled database. A stale
     * process already on the port would make ours fail to bind and exit, which is caught here.
     */
    private static void awaitOwnPgBouncer(Process pgbouncer, int port, String user, Path log) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("prepareThreshold", "0");
        while (true) {
            if (!pgbouncer.isAlive()) {
                throw new IllegalStateException("PgBouncer exited: " + Files.readString(log));
            }
            if (Files.readString(log).contains("listening on 127.0.0.1:" + port)) {
                try (Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, credentials);
                     Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("select current_database()")) {
                    row.next();
                    if (DATABASE.equals(row.getString(1))) {
                        return;
                    }
                } catch (SQLException notYet) {
                    // not accepting yet: the deadline decides
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("PgBouncer did not answer on port " + port + ": " + Files.readString(log));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String executable() {
        for (String candidate : List.of("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("PgBouncer is not installed: apt-get install -y pgbouncer (.ci/run does)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
