package io.sunsync.ground.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.ground.archive.CsvLine;
import io.sunsync.ground.cli.ExitCode;
import io.sunsync.ground.testing.Cli;
import io.sunsync.testkit.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's commands on a PostgreSQL archive: query, export, plot, upkeep, stats, and the errors they give. */
@Tag("postgres")
class ArchiveDatabaseCliTest {
    private static PostgresServer pg;
    private static String url;

    @TempDir
    Path dir;

    @BeforeAll
    static void fill() throws Exception {
        pg = PostgresServer.start();
        url = "postgresql://" + pg.user() + "@127.0.0.1:" + pg.port() + "/" + pg.database();
        try (ArchiveStore s = StoreUrl.parse(url, Map.of("PGPASSWORD", pg.password())).open()) {
            s.append(new StoreDataset().batch());
        }
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    private Path passwordFile() throws Exception {
        Path pw = dir.resolve("db.pw");
        Files.writeString(pw, pg.password() + "\n");
        return pw;
    }

    @Test
    void queryGivesAPointsTableAsCsvAndJson() throws Exception {
        String pw = passwordFile().toString();
        Cli.Run csv = Cli.run("archive", "query", "--db", url, "--db-password-file", pw, "--sat", "sat-b",
                "--from", "2027-06-21T23:59:58Z", "--to", "5s", "--fields", "power.socPct,mode", "--format", "csv");
        assertThat(csv.exit()).as(csv.err()).isZero();
        List<String> lines = csv.out().lines().toList();
        assertThat(CsvLine.parse(lines.get(0))).containsExactly("t", "seq", "power.socPct", "mode");
        // --to 5s: five seconds back from the newest frame (00:00:09Z), so up to 00:00:04Z.
        assertThat(lines).hasSize(1 + 7);
        assertThat(CsvLine.parse(lines.get(1)).get(0)).isEqualTo("2027-06-21T23:59:58Z");
        assertThat(CsvLine.parse(lines.get(1)).get(3)).isEqualTo("NOMINAL");
        Cli.Run json = Cli.run("archive", "query", "--db", url, "--db-password-file", pw, "--what", "fleet", "--at",
                "2027-06-22T00:00:03Z", "--format", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.out().lines()).hasSize(3).allSatisfy(l -> {
            var o = uncheckedTree(l);
            assertThat(o.path("t").asText()).isEqualTo("2027-06-22T00:00:03Z");
            assertThat(o.path("socPct").isNumber()).isTrue();
        });
        Cli.Run commands = Cli.run("archive", "query", "--db", url, "--db-password-file", pw, "--what", "commands");
        assertThat(commands.exit()).isZero();
        assertThat(commands.out()).contains("board.cap").contains("ACCEPTED>STARTED>COMPLETED").contains("BAD_MAC");
        Cli.Run quarantine = Cli.run("archive", "query", "--db", url, "--db-password-file", pw, "--what", "quarantine");
        assertThat(quarantine.out()).contains("SCHEMA_VIOLATION").contains("NOT_JSON");
        Cli.Run none = Cli.run("archive", "query", "--db", url, "--db-password-file", pw, "--sat", "nobody");
        assertThat(none.exit()).isEqualTo(ExitCode.NO_DATA.code());
    }

    @Test
    void exportPlotAndEventsReadTheDatabase() throws Exception {
        String pw = passwordFile().toString();
        Path csv = dir.resolve("day.csv");
        Cli.Run export = Cli.run("archive", "export", "--db", url, "--db-password-file", pw, "--sat", "sat-a",
                "--points", "power.socPct", "-o", csv.toString(), "--no-progress");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readAllLines(csv)).hasSize(1 + StoreDataset.FRAMES);
        Path png = dir.resolve("soc.png");
        Cli.Run plot = Cli.run("plot", "--db", url, "--db-password-file", pw, "--sat", "sat-a", "--preset", "soc",
                "--width", "640", "--height", "400", "-o", png.toString());
        assertThat(plot.exit()).as(plot.err()).isZero();
        assertThat(plot.out()).contains(StoreDataset.FRAMES + " frames");
        assertThat(png).isNotEmptyFile();
        Cli.Run events = Cli.run("events", "--db", url, "--db-password-file", pw, "--since", "2027-06-22T00:00:00Z",
                "--color", "never", "--min-severity", "MEDIUM");
        assertThat(events.exit()).as(events.err()).isZero();
        assertThat(events.out().lines()).hasSize(2);
        assertThat(events.out()).contains("SAFE_MODE_ENTERED").contains("BOARD_ISOLATED");
    }

    @Test
    void upkeepMakesPartitionsAheadAndStatsShowThem() throws Exception {
        String pw = passwordFile().toString();
        Cli.Run up = Cli.run("archive", "upkeep", "--db", url, "--db-password-file", pw, "--today", "2031-01-01", "--ahead-days", "2");
        assertThat(up.exit()).as(up.err()).isZero();
        assertThat(up.out()).contains("4 partitions made").contains("hk_d20310101").contains("evt_d20310102");
        Cli.Run stats = Cli.run("archive", "stats", "--db", url, "--db-password-file", pw);
        assertThat(stats.exit()).as(stats.err()).isZero();
        assertThat(stats.out()).contains("(POSTGRESQL)").containsPattern("hk\\s+60 rows").contains("hk_d20310102");
    }

    @Test
    void aWrongPasswordOrAnUnknownUrlStopsWithAClearErrorAndItsExitCode() throws Exception {
        Path wrong = dir.resolve("wrong.pw");
        Files.writeString(wrong, "not-the-password\n");
        Cli.Run refused = Cli.run("archive", "query", "--db", url, "--db-password-file", wrong.toString(), "--what", "fleet");
        assertThat(refused.exit()).isEqualTo(ExitCode.DATABASE.code());
        assertThat(refused.err()).contains("password authentication failed").contains("[AUTHENTICATION]")
                .doesNotContain("not-the-password");
        Cli.Run bad = Cli.run("archive", "query", "--db", "mysql://x/y", "--what", "fleet");
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(bad.err()).contains("is not a store URL").contains("postgresql://");
        Cli.Run inUrl = Cli.run("archive", "stats", "--db", "postgresql://" + pg.user() + ":hunter2@127.0.0.1:" + pg.port()
                + "/" + pg.database());
        assertThat(inUrl.exit()).isEqualTo(ExitCode.DATABASE.code());
        assertThat(inUrl.err()).doesNotContain("hunter2");
    }

    private static com.fasterxml.jackson.databind.JsonNode uncheckedTree(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
