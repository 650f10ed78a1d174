package io.tempo.devpostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a development PostgreSQL in the foreground until it is stopped (SIGTERM, Ctrl-C) or, with {@code --exit-with},
 * until that process is gone, so a launcher killed without a chance to clean up leaves no server behind either.
 * Once the server accepts connections it prints {@code DATABASE_URL=postgresql://...} and, with {@code --url-file},
 * writes the URL to that file (atomically, so a poller never reads half of it; deleted again on exit).
 *
 * <pre>
 * DevPostgresMain [--data-dir .data/postgres] [--port 54329] [--log DIR.log] [--url-file FILE] [--exit-with PID]
 * </pre>
 */
public final class DevPostgresMain {

    static final String DEFAULT_DATA_DIRECTORY = ".data/postgres";
    /**
     * Next to PostgreSQL's 5432 so it reads as a Postgres port, but not 5432 itself, so it never collides with a
     * locally installed server; fixed rather than random so a restart finds the same server and {@code psql} finds it.
     */
    static final int DEFAULT_PORT = 54329;

    private DevPostgresMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // zonky reports each start in detail through SLF4J; the lines below say what matters.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: DevPostgresMain [--data-dir DIR] [--port N] [--log FILE] [--url-file FILE] "
                    + "[--exit-with PID]");
            System.exit(2);
            return;
        }
        DevPostgres postgres;
        try {
            postgres = DevPostgres.builder().keepDataIn(options.dataDirectory()).port(options.port())
                    .log(options.log()).start();
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("PostgreSQL on localhost:" + postgres.port() + ", data in " + postgres.dataDirectory()
                + " (kept across restarts; delete it to start over), log in " + postgres.log());
        if (options.urlFile() != null) {
            Path urlFile = options.urlFile();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(urlFile), "dev-postgres-url-file"));
            writeAtomically(urlFile, postgres.url());
        }
        System.out.println("DATABASE_URL=" + postgres.url());

        Optional<ProcessHandle> parent = options.exitWith().flatMap(ProcessHandle::of);
        if (options.exitWith().isPresent() && parent.isEmpty()) {
            System.exit(0); // gone before we were ready: the shutdown hooks stop the server
        }
        if (parent.isPresent()) {
            parent.get().onExit().join();
            System.exit(0);
        }
        new CountDownLatch(1).await(); // until a signal runs the shutdown hooks
    }

    private static void writeAtomically(Path file, String text) {
        try {
            Path absolute = file.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Path partial = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".partial");
            Files.writeString(partial, text + "\n", StandardCharsets.UTF_8);
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("Could not write " + file + ": " + e.getMessage());
            System.exit(1);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Exiting; a stale file is replaced by the next start.
        }
    }

    /** The command line. */
    record Options(Path dataDirectory, int port, Path log, Path urlFile, Optional<Long> exitWith) {

        static Options parse(String[] args) {
            Path dataDirectory = Path.of(DEFAULT_DATA_DIRECTORY);
            int port = DEFAULT_PORT;
            Path log = null;
            Path urlFile = null;
            Optional<Long> exitWith = Optional.empty();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--data-dir" -> dataDirectory = Path.of(value);
                    case "--port" -> port = number(name, value, 0, 65535).intValue();
                    case "--log" -> log = Path.of(value);
                    case "--url-file" -> urlFile = Path.of(value);
                    case "--exit-with" -> exitWith = Optional.of(number(name, value, 1, Long.MAX_VALUE));
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (log == null) {
                Path absolute = dataDirectory.toAbsolutePath().normalize();
                log = absolute.resolveSibling(absolute.getFileName() + ".log");
            }
            return new Options(dataDirectory, port, log, urlFile, exitWith);
        }

        private static Long number(String name, String value, long min, long max) {
            try {
                long number = Long.parseLong(value);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
            throw new IllegalArgumentException(name + " must be a number from " + min + " to " + max + ": " + value);
        }
    }
}
