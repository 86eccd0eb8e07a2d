package io.sunsync.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.ground.archive.Archive;
import io.sunsync.ground.archive.ArchiveSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.testing.Cli;
import io.sunsync.ground.testing.Messages;
import io.sunsync.ground.testing.SignedTelemetry;
import io.sunsync.testkit.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.shared();
    }

    static String event(int i, String severity, String code) {
        return """
                {"t":"2027-06-21T00:%02d:00Z","severity":"%s","source":"fdir","code":"%s","message":"event %d","data":{"board":"board-0%d"}}\
                """.formatted(i % 60, severity, code, i, i % 10);
    }

    @Test
    void followsLiveEventsAtOrAboveTheChosenSeverityAndNeverShowsAForgedOne() throws Exception {
        SignedTelemetry sat1 = SignedTelemetry.generate(dir.resolve("sat-evt-1.tm-keys.json"), "sat-evt-1");
        Path profile = dir.resolve("ground.yaml");
        Files.writeString(profile, "satellites:\n  sat-evt-1: {telemetryKeyFile: " + dir.resolve("sat-evt-1.tm-keys.json")
                + "}\n");
        CompletableFuture<Cli.Run> run = CompletableFuture.supplyAsync(() -> Cli.run("events", "--profile",
                profile.toString(), "-b", broker.url(), "--sat", "sat-evt-1", "--min-severity", "medium", "--count", "4",
                "--duration-s", "20", "--json"));
        String[] severities = {"INFO", "LOW", "MEDIUM", "HIGH"};
        try (GroundConnection sat = GroundConnection.open(broker.url())) {
            // Events are not retained: publish until the follower, subscribed at some point, has seen four.
            for (int i = 0; !run.isDone() && i < 2000; i++) {
                String sev = severities[i % 4];
                sat1.publish(sat, "evt", i, event(i, sev, "CODE_" + sev), false);
                // A forged HIGH event for the same satellite from anyone on the broker: no MAC.
                sat.publish("sunsync/sat-evt-1/evt", event(i, "HIGH", "FORGED").getBytes(StandardCharsets.UTF_8), 1, false, null);
                sat.publish("sunsync/sat-evt-2/evt", event(i, "HIGH", "OTHER_SAT").getBytes(StandardCharsets.UTF_8), 1, false, null);
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
        Cli.Run r = run.get(30, TimeUnit.SECONDS);
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.UNAUTHENTIC.code());
        assertThat(r.err()).contains("REFUSED").contains("UNSIGNED");
        List<JsonNode> shown = r.out().lines().map(EventsCommandTest::json).toList();
        assertThat(shown).hasSize(4);
        assertThat(shown).allSatisfy(e -> {
            assertThat(e.path("sat").asText()).isEqualTo("sat-evt-1");
            assertThat(e.path("severity").asText()).isIn("MEDIUM", "HIGH");
            assertThat(e.path("code").asText()).startsWith("CODE_");
            assertThat(e.path("data").path("board").asText()).startsWith("board-0");
        });
    }

    @Test
    void sinceReadsPastEventsFromTheArchiveInTimeOrder() throws Exception {
        Path root = dir.resolve("archive");
        try (Archive a = new Archive(ArchiveSettings.defaults(root, "gs1"), Clock.systemUTC())) {
            // Stored out of order on purpose; the archive is read back by mission time.
            int[] order = {5, 1, 3, 0, 4, 2};
            String[] sev = {"INFO", "LOW", "MEDIUM", "HIGH", "MEDIUM", "INFO"};
            for (int i : order) {
                a.accept(Messages.withSeq("sunsync/sat-evt-1/evt", event(i, sev[i], "E" + i), "evt", i));
            }
        }
        Cli.Run r = Cli.run("events", "--dir", root.toString(), "--since", "4m", "--min-severity", "MEDIUM", "--color", "never");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        // Newest event at 00:05; 4 min back is 00:01; MEDIUM and up from there: E2, E3 (HIGH), E4.
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("2027-06-21T00:02:00Z").contains("MEDIUM!").contains("E2").contains("event 2");
        assertThat(lines.get(1)).contains("2027-06-21T00:03:00Z").contains("HIGH!!").contains("E3");
        assertThat(lines.get(2)).contains("2027-06-21T00:04:00Z").contains("E4");
        Cli.Run high = Cli.run("events", "--dir", root.toString(), "--since", "2027-06-21T00:00:00Z", "--min-severity", "HIGH",
                "--color", "never");
        assertThat(high.out().lines().toList()).singleElement().asString().contains("E3");
    }

    @Test
    void sinceWithoutAnArchiveFolderIsAUsageError() {
        Cli.Run r = Cli.run("events", "--since", "1h");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("--dir");
    }

    @Test
    void aBadSeverityIsAUsageError() {
        Cli.Run r = Cli.run("events", "--min-severity", "URGENT");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("URGENT").contains("MEDIUM");
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
