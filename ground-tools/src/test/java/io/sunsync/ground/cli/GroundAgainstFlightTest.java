package io.sunsync.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.ground.archive.CsvLine;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.testing.Cli;
import io.sunsync.ground.testing.FlyingSatellite;
import io.sunsync.ground.testing.Messages;
import io.sunsync.ground.testing.SignedTelemetry;
import io.sunsync.testkit.EmbeddedBroker;
import io.sunsync.testkit.FreePort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ground commands against the real flight software flying on the sim backend, over HiveMQ. */
class GroundAgainstFlightTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedBroker broker;
    private static FlyingSatellite sat1;

    @TempDir
    static Path dir;

    @BeforeAll
    static void fly() throws Exception {
        broker = EmbeddedBroker.shared();
        sat1 = FlyingSatellite.start(dir, "sat-001", broker.url(), 10);
    }

    @AfterAll
    static void land() throws Exception {
        sat1.close();
    }

    @Test
    void showsALiveSatellitesTableWithItsBudgetAndExitsByItsLevel() throws Exception {
        Cli.Run table = Cli.run("status", "--profile", sat1.profile().toString(), "-b", broker.url(), "--sat", "sat-001", "--timeout-s", "10", "--color", "never");
        assertThat(table.out()).contains("sat-001").contains("online").contains("live, last frame received")
                .contains("power budget").contains("battery").contains("boards").contains("link");
        Cli.Run json = Cli.run("status", "--profile", sat1.profile().toString(), "-b", broker.url(), "--sat", "sat-001", "--timeout-s", "10", "--json");
        JsonNode sat = JSON.readTree(json.out()).path("satellites").get(0);
        assertThat(sat.path("sat").asText()).isEqualTo("sat-001");
        assertThat(sat.path("stale").asBoolean()).isFalse();
        assertThat(sat.path("liveFrames").asLong()).isPositive();
        assertThat(sat.path("hk").path("control").path("budgetW").isNumber()).isTrue();
        int expected = "ALARM".equals(sat.path("level").asText()) ? ExitCode.LIMIT_ALARM.code() : ExitCode.OK.code();
        assertThat(json.exit()).isEqualTo(expected);
    }

    @Test
    void forgedTelemetryForARealSatelliteAndAMadeUpOneIsRefusedFlaggedAndNeverShown() throws Exception {
        String forgedHk = Messages.hk("sat-001", 99_999, "2027-06-21T00:00:01Z", 3.0).replace("NOMINAL", "SAFE");
        SignedTelemetry wrongKey = SignedTelemetry.generate(dir.resolve("wrong-keys.json"), "sat-001");
        try (GroundConnection forger = GroundConnection.open(broker.url())) {
            try {
                // A made-up satellite, retained, as a foreign client can publish it.
                forger.publish("sunsync/sat-fake/birth", "{\"sat\":\"sat-fake\",\"state\":\"online\"}"
                        .getBytes(StandardCharsets.UTF_8), 1, true, null);
                forger.publish("sunsync/sat-fake/tm/hk", Messages.hk("sat-fake", 1, "2027-06-21T00:00:01Z", 50.0)
                        .getBytes(StandardCharsets.UTF_8), 1, true, null);
                // Forged frames for the real satellite while status listens: unsigned, and under another key.
                java.util.concurrent.CompletableFuture<Cli.Run> run = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> Cli.run("status", "--profile", sat1.profile().toString(), "-b", broker.url(),
                                "--timeout-s", "3", "--json"));
                for (int i = 0; !run.isDone() && i < 400; i++) {
                    forger.publish("sunsync/sat-001/tm/hk", forgedHk.getBytes(StandardCharsets.UTF_8), 1, false, null);
                    wrongKey.publish(forger, "tm/hk", 99_998, forgedHk, false);
                    java.util.concurrent.TimeUnit.MILLISECONDS.sleep(20);
                }
                Cli.Run json = run.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(json.exit()).as(json.err()).isEqualTo(ExitCode.UNAUTHENTIC.code());
                assertThat(json.err()).contains("sat-fake").contains("failed telemetry authentication");
                JsonNode sats = JSON.readTree(json.out()).path("satellites");
                JsonNode fake = find(sats, "sat-fake");
                assertThat(fake.path("hk").isMissingNode() || fake.path("hk").isNull()).isTrue();
                assertThat(fake.path("presence").asText()).isEqualTo("unknown");
                assertThat(fake.path("authentication").path("refusedBy").path("NO_KEY").asLong()).isEqualTo(2);
                JsonNode real = find(sats, "sat-001");
                assertThat(real.path("authentication").path("refusedBy").path("UNSIGNED").asLong()).isPositive();
                assertThat(real.path("authentication").path("refusedBy").path("BAD_MAC").asLong()).isPositive();
                assertThat(real.path("hk").path("mode").asText()).isNotEqualTo("SAFE");
                assertThat(real.path("hk").path("seq").asLong()).isLessThan(99_998);
                Cli.Run table = Cli.run("status", "--profile", sat1.profile().toString(), "-b", broker.url(), "--sat",
                        "sat-fake", "--timeout-s", "1", "--color", "never");
                assertThat(table.exit()).isEqualTo(ExitCode.UNAUTHENTIC.code());
                assertThat(table.out()).contains("authentication").contains("REFUSED 2").contains("NO_KEY")
                        .contains("housekeeping").contains("none received").doesNotContain("50.0");
            } finally {
                for (String t : List.of("sunsync/sat-fake/birth", "sunsync/sat-fake/tm/hk")) {
                    forger.publish(t, new byte[0], 1, true, null); // retained forgeries cleared for the other tests
                }
            }
        }
    }

    private static JsonNode find(JsonNode sats, String sat) {
        for (JsonNode s : sats) {
            if (s.path("sat").asText().equals(sat)) {
                return s;
            }
        }
        throw new AssertionError(sat + " not in " + sats);
    }

    @Test
    void aSatelliteNeverHeardExitsWithNoData() {
        Cli.Run r = Cli.run("status", "-b", broker.url(), "--sat", "sat-nobody", "--timeout-s", "0.5");
        assertThat(r.exit()).isEqualTo(ExitCode.NO_DATA.code());
        assertThat(r.err()).contains("no housekeeping from [sat-nobody]");
    }

    @Test
    void aSatelliteThatStoppedIsStale() throws Exception {
        try (FlyingSatellite sat2 = FlyingSatellite.start(dir, "sat-002", broker.url(), 10)) {
            Cli.Run live = Cli.run("status", "--profile", dir.resolve("sat-002").resolve("ground.yaml").toString(), "-b", broker.url(), "--sat", "sat-002", "--timeout-s", "10");
            assertThat(live.out()).contains("online");
        }
        Cli.Run r = Cli.run("status", "--profile", dir.resolve("sat-002").resolve("ground.yaml").toString(), "-b", broker.url(), "--sat", "sat-002", "--timeout-s", "1", "--color", "never");
        assertThat(r.exit()).isEqualTo(ExitCode.STALE.code());
        assertThat(r.out()).contains("offline").contains("STALE").contains("retained");
    }

    @Test
    void anUnreachableBrokerExitsWithBroker() {
        Cli.Run r = Cli.run("status", "-b", "tcp://127.0.0.1:" + FreePort.find(), "--timeout-s", "0.5");
        assertThat(r.exit()).isEqualTo(ExitCode.BROKER.code());
        assertThat(r.err()).contains("broker");
    }

    @Test
    void aBadProfileExitsWithUsageNamingTheKey() throws Exception {
        Path p = dir.resolve("bad.yaml");
        Files.writeString(p, "broker:\n  urll: tcp://x:1\n");
        Cli.Run r = Cli.run("status", "--profile", p.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("broker.urll").contains("UNKNOWN_KEY");
    }

    @Test
    void showConfigMasksThePasswordAndAppliesFlags() throws Exception {
        Path p = dir.resolve("ok.yaml");
        Files.writeString(p, "broker: {url: 'tcp://gs1:1883', username: op, password: {file: pw}}\n");
        Files.writeString(dir.resolve("pw"), "correct-horse-battery\n");
        Cli.Run r = Cli.run("status", "--profile", p.toString(), "-b", "tcp://override:1884", "--show-config");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("tcp://override:1884").contains("username: op").contains("********")
                .doesNotContain("correct-horse");
    }

    @Test
    void tmWatchShowsChosenPointsWithUnitsOnePerLiveFrame() {
        Cli.Run r = Cli.run("tm", "watch", "--profile", sat1.profile().toString(), "-b", broker.url(), "--sat", "sat-001", "--count", "3",
                "--points", "power.socPct,control.budgetW,boards.enabled,thermal.maxZoneC", "--color", "never");
        assertThat(r.exit()).as(r.err()).isIn(ExitCode.OK.code(), ExitCode.LIMIT_ALARM.code());
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).contains("mission time").contains("power.socPct").contains("control.budgetW");
        assertThat(lines.get(1)).contains("[%]").contains("[W]").contains("[°C]");
        List<String> live = lines.stream().filter(l -> l.startsWith("2027-") && !l.contains("retained")).toList();
        assertThat(live).hasSize(3);
        assertThat(live.get(0).trim().split("\\s+")).hasSize(5);
    }

    @Test
    void tmWatchHighlightsAPointOutsideTheOperatorsLimitsAndExitsWithLimitAlarm() throws Exception {
        Path p = dir.resolve("limits.yaml");
        Files.writeString(p, Files.readString(sat1.profile())
                + "limits:\n  power.socPct: {alarmLow: 101}\n  power.busV: {warnHigh: 1}\n");
        Cli.Run plain = Cli.run("tm", "watch", "--profile", p.toString(), "-b", broker.url(), "--sat", "sat-001",
                "--count", "1", "--points", "power.socPct,power.busV,boards.count", "--color", "never");
        assertThat(plain.exit()).as(plain.err()).isEqualTo(ExitCode.LIMIT_ALARM.code());
        String row = plain.out().lines().filter(l -> l.startsWith("2027-")).reduce((a, b) -> b).orElseThrow();
        // socPct past its alarm (!!), busV (~120 V, read with the sim's sensor noise) past its warning (!)
        assertThat(row).containsPattern("\\d!! ").containsPattern("1[12]\\d\\.\\d! ");
        Cli.Run ansi = Cli.run("tm", "watch", "--profile", p.toString(), "-b", broker.url(), "--sat", "sat-001",
                "--count", "1", "--points", "power.socPct", "--color", "always");
        assertThat(ansi.out()).contains("\u001b[1;31m");
    }

    @Test
    void tmPointsListsUnitsAndLimits() {
        Cli.Run r = Cli.run("tm", "points", "--profile", sat1.profile().toString(), "-b", broker.url(), "--sat", "sat-001", "--timeout-s", "0.5");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("power\\.socPct\\s+%\\s+alarm <35, warn <40");
    }

    @Test
    void recordsFlightsTelemetryThenPlotsAndExportsIt() throws Exception {
        Path root = dir.resolve("archive");
        Cli.Run rec = Cli.run("archive", "record", "--profile", sat1.profile().toString(), "-b", broker.url(), "--dir", root.toString(), "--sat", "sat-001",
                "--writer", "e2e", "--count", "30", "--duration-s", "30", "--sqlite");
        assertThat(rec.exit()).as(rec.err()).isZero();
        assertThat(rec.err()).contains("30 stored");
        Path png = dir.resolve("power.png");
        Cli.Run plot = Cli.run("plot", "--dir", root.toString(), "--sat", "sat-001", "--preset", "power",
                "--width", "800", "--height", "500", "-o", png.toString());
        assertThat(plot.exit()).as(plot.err()).isZero();
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(800);
        assertThat(img.getHeight()).isEqualTo(500);
        Path csv = dir.resolve("export.csv");
        Cli.Run export = Cli.run("archive", "export", "--dir", root.toString(), "--sat", "sat-001",
                "--points", "power.socPct,control.budgetW", "-o", csv.toString(), "--no-progress");
        assertThat(export.exit()).as(export.err()).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("rx,sat,seq,t,power.socPct,control.budgetW");
        assertThat(rows.size() - 1).isBetween(25, 31);
        assertThat(CsvLine.parse(rows.get(1))).hasSize(6);
    }

}
