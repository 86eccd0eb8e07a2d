package io.sunsync.flight.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.testkit.EmbeddedBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ground uplinks an eclipse ephemeris; the throttler plans with it at once. */
class ForecastEphemerisCommandTest {

    @Test
    void anUplinkedEphemerisIsUsedByTheThrottlerAndABadOneIsRejected(@TempDir Path dir) throws Exception {
        TestSigner signer = new TestSigner(CommandingEndToEndTest.SAT, 1, TestSigner.KEY1);
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             GroundClient ground = new GroundClient(broker.url(), CommandingEndToEndTest.SAT);
             CommandingEndToEndTest.RunningFlight flight = new CommandingEndToEndTest.RunningFlight(dir, broker)) {
            ground.await(r -> r.topic().endsWith("/dict"), Duration.ofSeconds(20));
            String start = "2027-06-21T01:03:15Z";
            ground.send(CommandingEndToEndTest.TC, signer.sign(1, "forecast.ephemeris", Map.of("windows", List.of(
                    Map.of("start", start, "end", "2027-06-21T01:22:58Z"),
                    Map.of("start", "2027-06-21T02:40:58Z", "end", "2027-06-21T03:00:42Z"))),
                    CommandingEndToEndTest.FAR), null, null, 60L);
            assertThat(ground.awaitReport(1, "COMPLETED").path("data").path("windows").asInt()).isEqualTo(2);
            JsonNode hk = ground.await(r -> r.topic().endsWith("/tm/hk")
                    && r.body().path("control").path("forecastKnown").asBoolean(), Duration.ofSeconds(20)).body();
            assertThat(hk.path("control").path("nextEclipse").asText()).isEqualTo(start);

            ground.send(CommandingEndToEndTest.TC, signer.sign(2, "forecast.ephemeris", Map.of("windows", List.of(
                    Map.of("start", "2027-06-21T05:00:00Z", "end", "2027-06-21T04:00:00Z"))),
                    CommandingEndToEndTest.FAR), null, null, 60L);
            JsonNode rejected = ground.awaitReport(2, "REJECTED");
            assertThat(rejected.path("reason").asText()).isEqualTo("ARG_OUT_OF_RANGE");
            assertThat(rejected.path("message").asText()).contains("end must be after start");
        }
    }
}
