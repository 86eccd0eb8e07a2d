package io.sunsync.flight.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.orbit.SunSynchronousElements;
import io.sunsync.testkit.EmbeddedBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orekit.propagation.analytical.tle.TLE;

/**
 * The ground uplinks orbit elements; flight checks them before acceptance, flies them (housekeeping
 * says the forecast in use is on board, with its band) and refuses bad ones with the reason.
 */
class OrbitElementsCommandTest {

    /** Elements in phase with the sim's reference orbit (circular, 650 km, LTAN 18:00, at the node at the start). */
    private static TLE elements(Instant epoch) {
        double degPerS = 360 / (2 * Math.PI * Math.sqrt(Math.pow(6_378_137.0 + 650_000, 3) / 3.986004418e14));
        double u = -degPerS * Duration.between(epoch, CommandingEndToEndTest.EPOCH).toMillis() / 1000.0;
        return SunSynchronousElements.of(epoch, 650, 18, 67001, u);
    }

    private static String tle(Instant epoch) {
        TLE t = elements(epoch);
        return t.getLine1() + "\n" + t.getLine2() + "\n";
    }

    private static String omm(Instant epoch) {
        TLE t = elements(epoch);
        return String.format(java.util.Locale.ROOT, """
                CCSDS_OMM_VERS = 3.0
                CREATION_DATE = 2027-06-20T12:00:00
                ORIGINATOR = SUNSYNC-FD
                OBJECT_NAME = SUNSYNC-1
                OBJECT_ID = 2027-042A
                CENTER_NAME = EARTH
                REF_FRAME = TEME
                TIME_SYSTEM = UTC
                MEAN_ELEMENT_THEORY = SGP4
                EPOCH = %s
                MEAN_MOTION = %.8f
                ECCENTRICITY = %.7f
                INCLINATION = %.4f
                RA_OF_ASC_NODE = %.4f
                ARG_OF_PERICENTER = %.4f
                MEAN_ANOMALY = %.4f
                EPHEMERIS_TYPE = 0
                CLASSIFICATION_TYPE = U
                NORAD_CAT_ID = 67001
                ELEMENT_SET_NO = 999
                REV_AT_EPOCH = 1200
                BSTAR = 0.000025
                MEAN_MOTION_DOT = 0
                MEAN_MOTION_DDOT = 0
                """, epoch.toString().replace("Z", ""), t.getMeanMotion() * 86_400 / (2 * Math.PI), t.getE(),
                Math.toDegrees(t.getI()), Math.toDegrees(t.getRaan()), Math.toDegrees(t.getPerigeeArgument()),
                Math.toDegrees(t.getMeanAnomaly()));
    }

    @Test
    void elementsAreCheckedFlownAndReportedAndBadOnesRefusedWithTheReason(@TempDir Path dir) throws Exception {
        TestSigner signer = new TestSigner(CommandingEndToEndTest.SAT, 1, TestSigner.KEY1);
        Instant epoch = CommandingEndToEndTest.EPOCH.minus(Duration.ofDays(1));
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             GroundClient ground = new GroundClient(broker.url(), CommandingEndToEndTest.SAT);
             CommandingEndToEndTest.RunningFlight flight = new CommandingEndToEndTest.RunningFlight(dir, broker)) {
            ground.await(r -> r.topic().endsWith("/dict"), Duration.ofSeconds(20));

            ground.send(CommandingEndToEndTest.TC, signer.sign(1, "orbit.elements", Map.of("elements", tle(epoch)),
                    CommandingEndToEndTest.FAR), null, null, 60L);
            JsonNode done = ground.awaitReport(1, "COMPLETED");
            assertThat(done.path("data").path("noradId").asInt()).isEqualTo(67001);
            assertThat(done.path("data").path("source").asText()).isEqualTo("UPLINK");
            assertThat(done.path("data").path("persisted").asBoolean()).isTrue();
            JsonNode hk = ground.await(r -> r.topic().endsWith("/tm/hk")
                    && r.body().path("control").path("forecastSource").asText().equals("ONBOARD"), Duration.ofSeconds(20)).body();
            assertThat(hk.path("control").path("forecastUncertaintyS").asDouble()).isBetween(2.0, 3.0);
            assertThat(hk.path("control").path("preEclipseLeadS").asDouble()).isBetween(3.0, 4.0);
            assertThat(hk.path("orbit").path("elements").path("noradId").asInt()).isEqualTo(67001);
            assertThat(hk.path("orbit").path("elements").path("epoch").asText()).isEqualTo(epoch.toString());
            assertThat(dir.resolve("state/orbit/elements.json")).exists();

            String[] lines = tle(epoch).split("\n");
            String badSum = lines[0].substring(0, 68) + (char) ('0' + (lines[0].charAt(68) - '0' + 1) % 10) + "\n" + lines[1];
            ground.send(CommandingEndToEndTest.TC, signer.sign(2, "orbit.elements", Map.of("elements", badSum),
                    CommandingEndToEndTest.FAR), null, null, 60L);
            JsonNode checksum = ground.awaitReport(2, "REJECTED");
            assertThat(checksum.path("reason").asText()).isEqualTo("ARG_OUT_OF_RANGE");
            assertThat(checksum.path("message").asText()).contains("BAD_CHECKSUM").contains("line 1 checksum");

            ground.send(CommandingEndToEndTest.TC, signer.sign(3, "orbit.elements", Map.of("elements",
                    tle(CommandingEndToEndTest.EPOCH.minus(Duration.ofDays(40)))), CommandingEndToEndTest.FAR), null, null, 60L);
            assertThat(ground.awaitReport(3, "REJECTED").path("message").asText()).contains("TOO_OLD").contains("40.0 days old");

            ground.send(CommandingEndToEndTest.TC, signer.sign(4, "orbit.elements", Map.of("elements",
                    tle(CommandingEndToEndTest.EPOCH.plus(Duration.ofDays(2)))), CommandingEndToEndTest.FAR), null, null, 60L);
            assertThat(ground.awaitReport(4, "REJECTED").path("message").asText()).contains("EPOCH_IN_FUTURE");

            ground.send(CommandingEndToEndTest.TC, signer.sign(5, "orbit.elements", Map.of("elements", omm(epoch)),
                    CommandingEndToEndTest.FAR), null, null, 60L);
            assertThat(ground.awaitReport(5, "COMPLETED").path("data").path("format").asText()).isEqualTo("OMM_KVN");

            // A fresh ground ephemeris takes precedence over the on-board prediction; 3 s apart for the
            // same eclipse, the band covers both.
            JsonNode onboard = ground.await(r -> r.topic().endsWith("/tm/hk")
                    && r.body().path("control").path("forecastSource").asText().equals("ONBOARD"), Duration.ofSeconds(20))
                    .body().path("control");
            Instant s = Instant.parse(onboard.path("nextEclipse").asText()).plusSeconds(3);
            long lengthS = Math.round(onboard.path("nextEclipseS").asDouble());
            ground.send(CommandingEndToEndTest.TC, signer.sign(6, "forecast.ephemeris", Map.of("windows", List.of(
                    Map.of("start", s.toString(), "end", s.plusSeconds(lengthS).toString(),
                            "umbraStart", s.plusSeconds(26).toString(), "umbraEnd", s.plusSeconds(lengthS - 26).toString())),
                    "uncertaintyS", 1), CommandingEndToEndTest.FAR), null, null, 60L);
            assertThat(ground.awaitReport(6, "COMPLETED").path("data").path("persisted").asBoolean()).isTrue();
            JsonNode withGround = ground.await(r -> r.topic().endsWith("/tm/hk")
                    && r.body().path("control").path("forecastSource").asText().equals("GROUND"), Duration.ofSeconds(20))
                    .body().path("control");
            assertThat(withGround.path("nextEclipse").asText()).isEqualTo(s.toString());
            assertThat(withGround.path("forecastUncertaintyS").asDouble())
                    .isGreaterThan(3 + onboard.path("forecastUncertaintyS").asDouble() - 0.5);
            ground.await(r -> r.topic().endsWith("/evt") && r.body().path("code").asText().equals("ORBIT_ELEMENTS_ACCEPTED")
                    && r.body().path("data").path("format").asText().equals("OMM_KVN"), Duration.ofSeconds(20));
            CommandingEndToEndTest.assertEverythingFlightSentMatchesTheIcd(ground.all());
            JsonNode dict = ground.await(r -> r.topic().endsWith("/dict"), Duration.ofSeconds(5)).body();
            assertThat(dict.toString()).contains("\"orbit.elements\"").contains("ORBIT_ELEMENTS_REFUSED")
                    .contains("orbit.elements.ageDays");
        }
    }
}
