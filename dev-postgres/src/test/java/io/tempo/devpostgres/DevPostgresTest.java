package io.tempo.devpostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API the tests and the bench start their servers with. */
class DevPostgresTest {

    @TempDir
    Path temp;

    @Test
    void aThrowAwayServerAnswersAtItsUrlAndLeavesNoDataNorLogBehind() throws SQLException {
        DevPostgres postgres = DevPostgres.builder().withoutDurability().setting("max_connections", "42").start();
        Path data = postgres.dataDirectory();
        Path log = postgres.log();
        try (Connection connection = Jdbc.connect(postgres.url())) {
            assertThat(Jdbc.single(connection, "show max_connections")).isEqualTo("42");
            assertThat(Jdbc.single(connection, "show fsync")).isEqualTo("off");
            assertThat(Jdbc.single(connection, "select current_user")).isEqualTo(DevPostgres.SUPERUSER);
        }
        assertThat(postgres.url()).matches("postgresql://postgres@localhost:\\d+/postgres");
        assertThat(data.resolve("postmaster.pid")).exists();

        postgres.close();
        postgres.close(); // a second close does nothing

        assertThat(data).doesNotExist();
        assertThat(log).doesNotExist();
        assertThatThrownBy(() -> Jdbc.connect(postgres.url())).isInstanceOf(SQLException.class);
    }

    @Test
    void aKeptClusterHasItsDataAfterARestart() throws SQLException {
        Path data = temp.resolve("pg");
        try (DevPostgres first = DevPostgres.builder().keepDataIn(data).log(temp.resolve("pg.log")).start();
             Connection connection = Jdbc.connect(first.url()); Statement statement = connection.createStatement()) {
            statement.execute("create table kept (note text); insert into kept values ('still here')");
        }
        assertThat(data.resolve("PG_VERSION")).exists();
        assertThat(data.resolve("postmaster.pid")).doesNotExist();

        try (DevPostgres second = DevPostgres.builder().keepDataIn(data).start();
             Connection connection = Jdbc.connect(second.url())) {
            assertThat(Jdbc.single(connection, "select note from kept")).isEqualTo("still here");
        }
        assertThat(temp.resolve("pg.log")).isNotEmptyFile();
    }

    @Test
    void aSecondServerOnTheSameDataIsRefusedWithWhereToLook() {
        Path data = temp.resolve("pg");
        try (DevPostgres running = DevPostgres.builder().keepDataIn(data).start()) {
            assertThatThrownBy(() -> DevPostgres.builder().keepDataIn(data).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Could not start PostgreSQL with data in " + data.toAbsolutePath())
                    .hasMessageContaining("its output is in");
            assertThat(running.dataDirectory().resolve("postmaster.pid")).exists();
        }
    }

    /** Plain JDBC against a {@code postgresql://user@host:port/db} URL of {@link DevPostgres#url()}. */
    static final class Jdbc {

        static Connection connect(String url) throws SQLException {
            String withoutScheme = url.substring("postgresql://".length());
            String user = withoutScheme.substring(0, withoutScheme.indexOf('@'));
            return java.sql.DriverManager.getConnection("jdbc:postgresql://"
                    + withoutScheme.substring(withoutScheme.indexOf('@') + 1), user, "");
        }

        static String single(Connection connection, String query) throws SQLException {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
                assertThat(rows.next()).as(query).isTrue();
                return rows.getString(1);
            }
        }
    }
}
