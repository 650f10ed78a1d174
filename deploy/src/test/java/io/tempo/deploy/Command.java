package io.tempo.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the real tools the deploy tests rely on (kubectl, action-validator). A missing tool fails the test
 * with what to install, never skips it: CI installs every tool the tests need.
 */
final class Command {

    /** What a finished command printed; {@code command} is its argument list, for messages. */
    record Result(String command, int exitCode, String stdout, String stderr) {

        Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(command + " failed with exit code " + exitCode + ":\n" + stderr + stdout);
            }
            return this;
        }
    }

    private Command() {
    }

    /**
     * Runs {@code argv} and waits at most {@code timeout}. Output goes to files rather than pipes, so a chatty
     * tool can never block on a full pipe while the test waits for it to exit.
     */
    static Result run(Duration timeout, String whenMissing, List<String> argv) {
        try {
            Path stdout = Files.createTempFile("tempo-command", ".out");
            Path stderr = Files.createTempFile("tempo-command", ".err");
            try {
                Process process = start(argv, stdout, stderr, whenMissing);
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(argv + " did not finish within " + timeout + ":\n" + read(stderr));
                }
                return new Result(argv.toString(), process.exitValue(), read(stdout), read(stderr));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + argv, e);
        }
    }

    private static Process start(List<String> argv, Path stdout, Path stderr, String whenMissing) {
        try {
            Process process = new ProcessBuilder(argv).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile()).start();
            process.getOutputStream().close();
            return process;
        } catch (IOException notStarted) {
            throw new AssertionError("Cannot run " + argv.get(0) + ": " + whenMissing, notStarted);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
