package io.tempo.devpostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as ./run uses it: a process of its own, its URL in a file once ready, stopped by a signal. */
class DevPostgresMainTest {

    private static final Duration START_DEADLINE = Duration.ofMinutes(3);
    private static final Duration STOP_DEADLINE = Duration.ofMinutes(1);

    @TempDir
    Path temp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void theUrlFileAppearsOnceTheServerIsReadyAndSigtermStopsTheServer() throws Exception {
        Path data = temp.resolve("postgres");
        Path urlFile = temp.resolve("url");
        Process launcher = launch("--data-dir", data.toString(), "--port", "0", "--url-file", urlFile.toString());

        String url = awaitUrl(urlFile, launcher);
        try (Connection connection = DevPostgresTest.Jdbc.connect(url)) {
            assertThat(DevPostgresTest.Jdbc.single(connection, "select 1")).isEqualTo("1");
        }
        assertThat(temp.resolve("postgres.log")).as("the default log sits beside the data").exists();

        launcher.destroy(); // SIGTERM, what ./run's trap and Ctrl-C send

        assertThat(launcher.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(data.resolve("postmaster.pid")).as("the server stopped with the launcher").doesNotExist();
        assertThat(data.resolve("PG_VERSION")).as("the data is kept").exists();
        assertThat(urlFile).as("no stale URL for the next start to find").doesNotExist();
        assertThatThrownBy(() -> DevPostgresTest.Jdbc.connect(url)).isInstanceOf(SQLException.class);
    }

    @Test
    void theServerStopsWhenTheProcessItExitsWithIsGoneEvenIfThatOneCouldNotCleanUp() throws Exception {
        Process owner = new ProcessBuilder("sleep", "600").start();
        started.add(owner);
        Path data = temp.resolve("postgres");
        Path urlFile = temp.resolve("url");
        Process launcher = launch("--data-dir", data.toString(), "--port", "0", "--url-file", urlFile.toString(),
                "--exit-with", Long.toString(owner.pid()));
        awaitUrl(urlFile, launcher);

        owner.destroyForcibly(); // SIGKILL: the owner gets no chance to stop anything

        assertThat(launcher.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void aNonsenseOptionIsNamed() throws Exception {
        Process launcher = launch("--port", "eighty");

        assertThat(launcher.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).isEqualTo(2);
        assertThat(Files.readString(temp.resolve("launcher.out")))
                .contains("--port must be a number from 0 to 65535: eighty");
    }

    private Process launch(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DevPostgresMain.class.getName()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("launcher.out").toFile()).start();
        started.add(process);
        return process;
    }

    private String awaitUrl(Path urlFile, Process launcher) throws IOException {
        await().atMost(START_DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(launcher.isAlive()).as("launcher running; its output: %s", output()).isTrue();
            return Files.exists(urlFile);
        });
        String url = Files.readString(urlFile).strip();
        assertThat(output()).contains("DATABASE_URL=" + url);
        return url;
    }

    private String output() throws IOException {
        return Files.readString(temp.resolve("launcher.out"));
    }
}
