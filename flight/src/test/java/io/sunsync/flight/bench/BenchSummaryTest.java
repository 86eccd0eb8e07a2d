package io.sunsync.flight.bench;

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
                {"benchmark":"throttler","targets":{"ratioToOracle30d":0.95,"violations":0},"rows":[
                 {"scenario":"eclipse-season-30d","controller":"sunsync-throttler","workUnits":960,"ratioToOracle":0.96,"violations":0},
                 {"scenario":"eclipse-season-30d","controller":"static-64x500W","workUnits":480,"ratioToOracle":0.48,"violations":0}]}""");
        BenchSummary s = new BenchSummary(out, 0);

        s.collect();

        assertThat(s.rows()).filteredOn(r -> r.figure().equals("backlog drained through Mosquitto")).singleElement()
                .satisfies(r -> {
                    assertThat(r.value()).isEqualTo(4200.0);
                    assertThat(r.target()).isEqualTo(">= 5,000");
                    assertThat(r.met()).isFalse();
                });
        assertThat(s.rows()).filteredOn(r -> r.figure().equals("ratio to the static baseline, eclipse-season-30d"))
                .singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(2.0));
        assertThat(s.rows()).filteredOn(r -> r.figure().equals("ratio to the oracle, eclipse-season-30d"))
                .singleElement().satisfies(r -> assertThat(r.met()).isTrue());
        assertThat(s.notRun()).contains("sim-speed", "control-tick", "command", "outbox-append", "fleet-ingest")
                .doesNotContain("outbox-drain", "throttler");
        assertThat(s.markdown(BenchSummary.machine("1.0 1.0 1.0"), "quick"))
                .contains("| outbox-drain | backlog drained through Mosquitto | 4,200 msg/s | >= 5,000 | **no** |");
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
