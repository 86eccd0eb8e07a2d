package io.sunsync.sim.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sunsync.hal.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasuredRatioTest {
    @TempDir
    Path dir;

    @Test
    void readsTheThrottlersRatiosFromABenchResult() throws Exception {
        Path f = dir.resolve("throttler.json");
        Files.writeString(f, """
                {"benchmark":"throttler","verdicts":[
                  {"scenario":"cascading-faults","throttlerRatio":0.88,"throttlerViolations":0},
                  {"scenario":"eclipse-season-day","throttlerRatio":0.991,"throttlerViolations":0},
                  {"scenario":"nominal-day","throttlerRatio":0.999,"throttlerViolations":0}]}""");
        MeasuredRatio r = MeasuredRatio.read(f);
        assertThat(r.eclipseSeason()).isEqualTo(0.991);
        assertThat(r.noEclipse()).isEqualTo(0.999);
        assertThat(r.on(true)).isEqualTo(0.991);
        assertThat(r.source()).contains("eclipse-season-day").contains("nominal-day");
    }

    @Test
    void aRunWithViolationsIsNoMeasurementAndAMissionSummaryIsOne() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
                {"verdicts":[{"scenario":"eclipse-season-day","throttlerRatio":1.0,"throttlerViolations":3}]}""");
        assertThatThrownBy(() -> MeasuredRatio.read(bad)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("without a violation");
        Path summary = dir.resolve("summary.json");
        Files.writeString(summary, """
                {"ok":true,"run":{"scenario":"eclipse-season-depth"},"work":{"ratioToOracle":0.941}}""");
        MeasuredRatio r = MeasuredRatio.read(summary);
        assertThat(r.eclipseSeason()).isEqualTo(0.941);
        assertThat(r.noEclipse()).isEqualTo(0.941);
        assertThat(r.source()).contains("eclipse-season-depth");
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"x\":1}");
        assertThatThrownBy(() -> MeasuredRatio.read(other)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("neither");
        assertThatThrownBy(() -> MeasuredRatio.of(1.5, "x")).isInstanceOf(ConfigException.class);
    }
}
