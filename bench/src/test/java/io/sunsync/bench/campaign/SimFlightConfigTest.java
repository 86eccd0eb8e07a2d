package io.sunsync.bench.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sunsync.flight.app.FlightConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaigns' flight config file is one flight loads, with the common part and what a campaign sets. */
class SimFlightConfigTest {
    @TempDir
    Path work;

    @Test
    void flightLoadsTheCommonPartAndWhatACampaignSets() throws Exception {
        Path file = work.resolve("sat.yaml");
        SimFlightConfig.of("a test", "sat-007", "tcp://127.0.0.1:1883", "vol")
                .with("link.sessionExpiryS", 3600)
                .with("link.outbox.maxBytes", 64L << 20)
                .with("commanding.maxPayloadBytes", 16_384)
                .with("hardware.backends.sim.boards", 8)
                .with("hardware.backends.sim.epoch", "2027-04-01T00:00:00Z")
                .write(file);

        FlightConfig c = FlightConfig.load(file);

        assertThat(c.satellite().id()).isEqualTo("sat-007");
        assertThat(c.link().broker()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(c.link().sessionExpiryS()).isEqualTo(3600L);
        assertThat(c.link().outbox().dir()).isEqualTo(Path.of("vol/outbox"));
        assertThat(c.link().outbox().maxBytes()).isEqualTo(64L << 20);
        assertThat(c.telemetry().housekeepingPeriodS()).isEqualTo(1.0);
        assertThat(c.commanding().keyFile()).isEqualTo(CampaignSigner.KEY_FILE);
        assertThat(c.commanding().stateDir()).isEqualTo("vol/commanding");
        assertThat(c.commanding().maxPayloadBytes()).isEqualTo(16_384);
        assertThat(c.jobs().dataDir()).isEqualTo("vol/jobs");
        assertThat(c.hardware().accelerators().backend()).isEqualTo("sim");
        assertThat(c.hardware().backends().get("sim").get("boards").asInt()).isEqualTo(8);
        assertThat(c.hardware().backends().get("sim").get("epoch").asText()).isEqualTo("2027-04-01T00:00:00Z");
        assertThat(java.nio.file.Files.readString(file)).startsWith("# written by a test\n");
    }

    @Test
    void aValueCannotBecomeASection() {
        SimFlightConfig c = SimFlightConfig.of("a test", "sat-007", "tcp://127.0.0.1:1883", "state");

        assertThatThrownBy(() -> c.with("satellite.id.x", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("satellite.id.x");
    }
}
