package io.sunsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A real PostgreSQL cluster made and run by the testkit, reached over TCP with a password. */
@Tag("postgres")
class PostgresServerTest {

    @Test
    void aFreshClusterAcceptsItsUserAndRefusesAWrongPasswordAndKeepsDataAcrossACrash() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept(x int)");
                s.execute("INSERT INTO kept VALUES (42)");
                try (ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, current_user")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(150000);
                    assertThat(rs.getString(2)).isEqualTo(pg.user());
                }
            }
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "wrong"))
                    .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");

            pg.crash();
            assertThat(pg.isRunning()).isFalse();
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password()))
                    .isInstanceOf(SQLException.class);
            pg.startAgain();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT x FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void closingRemovesTheClusterFolder() {
        PostgresServer pg = PostgresServer.start();
        java.nio.file.Path home = pg.home();
        assertThat(home.resolve("data/PG_VERSION")).exists();
        pg.close();
        assertThat(home).doesNotExist();
    }
}
