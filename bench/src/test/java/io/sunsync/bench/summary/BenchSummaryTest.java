package io.sunsync.bench.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSummaryTest {
    @TempDir
    Path dir;

    @Test
    void figuresAreReadWithTheirTargetsAndMissedTargetsShow() throws Exception {
        Path out = Files.createDirectories(dir.resolve("bench/out"));
        Files.writeString(out.resolve("outbox-drain.json"), """
                {"benchmark":"outbox-drain","frames":30000,"fsync":"group","drainMsgPerS":4200.0,"missing":0,
                 "duplicates":0,"outOfOrder":0,"zeroLoss":true,"targetMsgPerS":5000}""");
        Files.writeString(out.resolve("throttler.json"), """
                {"benchmark":"throttler","targets":{"ratioToOracle30d":0.97,"violations":0,"ratioToBestPeer":1.0,
                  "ratioToBestPeerCascadingFaults":1.15},
                 "verdicts":[
                  {"scenario":"eclipse-season-30d","throttlerRatio":0.98,"throttlerViolations":0,"bestPeer":"two-level-96x900W/60x500W",
                   "bestPeerRatio":0.97,"ratioToBestPeer":1.01,"bestAnyPeer":"greedy","bestAnyPeerViolations":3,"ratioToBestAnyPeer":0.99},
                  {"scenario":"cascading-faults","throttlerRatio":0.88,"throttlerViolations":0,"bestPeer":null,
                   "bestPeerRatio":"NaN","ratioToBestPeer":"NaN","bestAnyPeer":"greedy","bestAnyPeerViolations":3320,"ratioToBestAnyPeer":1.17}]}""");
        Files.writeString(out.resolve("control-tick-io.json"), """
                {"boards":96,"threads":16,"tickBudgetS":0.25,"targets":{"model":"nvml","tickP99Ms":10,"shedAllMs":100},
                 "models":[{"model":"nvml","ticks":400,"tickP50Ms":2.3,"tickP99Ms":4.2,"tickMaxMs":24,"landedP99Ms":4.2,
                            "commandsPerTick":108,"commandP50Ms":0.18,"commandP99Ms":0.35,"sheds":40,"shedP50Ms":1.2,
                            "shedMaxMs":1.4,"shedsIncomplete":0,"boardsLeftOnAfterShed":0},
                           {"model":"nvidia-smi","ticks":6,"tickP50Ms":290,"tickP99Ms":300,"tickMaxMs":300,"landedP99Ms":6100,
                            "commandsPerTick":96,"sheds":2,"shedP50Ms":5900,"shedMaxMs":5950,"shedsIncomplete":0,
                            "boardsLeftOnAfterShed":0}]}""");
        BenchSummary s = new BenchSummary(out, 0);

        s.collect();

        assertThat(s.rows()).filteredOn(r -> r.figure().equals("backlog drained through Mosquitto")).singleElement()
                .satisfies(r -> {
                    assertThat(r.value()).isEqualTo(4200.0);
                    assertThat(r.target()).isEqualTo(">= 5,000");
                    assertThat(r.met()).isFalse();
                });
        assertThat(s.rows()).filteredOn(r -> r.figure().equals("ratio to the best peer with 0 violations, eclipse-season-30d"))
                .singleElement().satisfies(r -> {
                    assertThat(r.value()).isEqualTo(1.01);
                    assertThat(r.met()).isTrue();
                    assertThat(r.note()).contains("two-level");
                });
        assertThat(s.rows()).filteredOn(r -> r.figure().equals("ratio to the peer with the most work, cascading-faults"))
                .singleElement().satisfies(r -> {
                    assertThat(r.met()).isNull(); // no clean peer: nothing to grade against, and it says so
                    assertThat(r.note()).contains("no peer ran without violations");
                });
        assertThat(s.rows()).filteredOn(r -> r.figure().equals("ratio to the oracle, eclipse-season-30d"))
                .singleElement().satisfies(r -> assertThat(r.met()).isTrue());
        assertThat(s.rows()).filteredOn(r -> r.figure().startsWith("tick with device I/O p99")).extracting(BenchSummary.Row::met)
                .containsExactly(true, null); // graded with the NVML-like model only
        assertThat(s.rows()).filteredOn(r -> r.figure().startsWith("all 96 boards shed")).extracting(BenchSummary.Row::value)
                .containsExactly(1.4, 5950.0);
        assertThat(s.notRun()).contains("sim-speed", "control-tick", "command", "outbox-append", "fleet-ingest")
                .doesNotContain("outbox-drain", "throttler");
        assertThat(s.markdown(BenchSummary.machine("1.0 1.0 1.0"), "quick"))
                .contains("| outbox-drain | backlog drained through Mosquitto | 4,200 msg/s | >= 5,000 | **no** |");
    }

    @Test
    void theThrottlersWattsAndTonnesAreShownBesideItsPeers() throws Exception {
        Path out = Files.createDirectories(dir.resolve("bench/out"));
        Files.writeString(out.resolve("throttler.json"), """
                {"benchmark":"throttler","targets":{},
                 "verdicts":[{"scenario":"eclipse-season-day","throttlerRatio":0.99,"throttlerViolations":0,
                   "bestPeer":"two-level-96x900W/60x500W","bestPeerRatio":0.97,"ratioToBestPeer":1.02,"bestAnyPeer":"greedy",
                   "bestAnyPeerViolations":2,"ratioToBestAnyPeer":1.0,"satelliteKg":3208.3,"peerExtraKg":64.2,
                   "peerExtraUsdLow":12833,"peerExtraUsdHigh":174516}],
                 "rows":[
                  {"scenario":"eclipse-season-day","controller":"sunsync-throttler","role":"throttler",
                   "economy":{"workPerKWhCollected":3500.5,"workPerKWhBoards":3700.1,"workPerKgPerDay":2120.4}},
                  {"scenario":"eclipse-season-day","controller":"static-64x500W","role":"static",
                   "economy":{"workPerKWhCollected":1600.0,"workPerKWhBoards":4000.0,"workPerKgPerDay":980.0}}]}""");
        BenchSummary s = new BenchSummary(out, 0);

        s.collect();

        assertThat(s.rows()).filteredOn(r -> r.figure().equals("work per kWh the arrays collected, eclipse-season-day"))
                .singleElement().satisfies(r -> {
                    assertThat(r.value()).isEqualTo(3500.5);
                    assertThat(r.note()).contains("static 1,600");
                });
        assertThat(s.rows()).filteredOn(r -> r.figure().equals("work per kg of satellite per day, eclipse-season-day"))
                .singleElement().satisfies(r -> assertThat(r.note()).contains("static 980").contains("3,208"));
        assertThat(s.rows()).filteredOn(r -> r.figure().startsWith("launch mass the best clean peer needs"))
                .singleElement().satisfies(r -> {
                    assertThat(r.value()).isEqualTo(64.2);
                    assertThat(r.note()).contains("two-level").contains("$12,833");
                });
    }

    @Test
    void aFileFromAnEarlierInvocationIsNotRunNotAnOldFigure() throws Exception {
        Path out = Files.createDirectories(dir.resolve("bench/out"));
        Path f = out.resolve("sim-speed.json");
        Files.writeString(f, "{\"simulatedSecondsPerWallSecond\":200000,\"target\":100000}");
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(3600)));
        BenchSummary s = new BenchSummary(out, Instant.now().minusSeconds(60).getEpochSecond());

        s.collect();

        assertThat(s.rows()).noneMatch(r -> r.bench().equals("sim-speed"));
        assertThat(s.notRun()).contains("sim-speed");
    }
}
