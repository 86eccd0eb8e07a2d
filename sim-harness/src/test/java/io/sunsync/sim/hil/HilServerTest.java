package io.sunsync.sim.hil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.config.HardwareAssembly;
import io.sunsync.hal.config.HardwareConfig;
import io.sunsync.hal.power.PowerReading;
import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.fault.FaultKind;
import io.sunsync.sim.scenario.Actuation;
import io.sunsync.sim.scenario.Boards;
import io.sunsync.sim.scenario.Scenario;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HilServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SimSatellite satellite() {
        Scenario sc = new Scenario("hil", null, Instant.parse("2027-03-21T00:00:00Z"), 3600.0, null, 1L, null, null,
                null, null, null, new Boards(4, null, null, null, null, null, null, null, null, null, null),
                new Scenario.Radiation(0.0, null, null, null), null,
                List.of(new Scenario.Fault(0.0, FaultKind.SENSOR_NAN, "board-02.tempC", null, null, null)), null);
        // Commands in force at once: the test reads the model right after commanding it over the socket.
        return new SimSatellite(sc.withActuation(Actuation.ideal()));
    }

    /** Flight's side: hal devices assembled from a config naming the remote backend (clock: the system's). */
    private static HardwareAssembly flightSide(Path dir, int port) {
        String yaml = """
                clock: {backend: system}
                power: {backend: remote}
                thermal: {backend: remote}
                accelerators: {backend: remote}
                backends:
                  remote: {host: 127.0.0.1, port: %d, timeoutMs: 5000}
                """.formatted(port);
        HardwareConfig hw = ConfigReader.parse(yaml, false, HardwareConfig.class, "sat.yaml");
        return HardwareAssembly.build(hw, dir, "hardware");
    }

    @Test
    void flightSideHalDevicesReadAndCommandTheModelOverTheSocket(@TempDir Path dir) throws Exception {
        SimSatellite sat = satellite();
        try (HilServer server = HilServer.start(sat, "127.0.0.1", 0, 100)) {
            HardwareAssembly hw = flightSide(dir, server.port());
            assertThat(hw.chosen()).containsEntry("power", "remote").containsEntry("clock", "system");
            assertThat(hw.boards()).hasSize(4);
            assertThat(hw.boards().get(1).spec()).isEqualTo(sat.boards().get(1).spec());
            assertThat(hw.power().spec()).isEqualTo(sat.power().spec());
            assertThat(hw.thermal().spec()).isEqualTo(sat.thermal().spec());

            PowerReading p = hw.power().read();
            assertThat(p.quality()).isEqualTo(Quality.GOOD);
            assertThat(p.stringsTotal()).isEqualTo(40);
            assertThat(p.batteryEnergyWh()).isCloseTo(sat.power().read().batteryEnergyWh(), within(200.0));

            assertThat(hw.boards().get(1).setCap(600).ok()).isTrue();
            assertThat(sat.boards().get(1).read().capW()).isEqualTo(600);
            assertThat(hw.boards().get(1).setCap(5).fault().code()).isEqualTo(FaultCode.COMMAND_OUT_OF_RANGE);
            assertThat(hw.thermal().setHeater("loop-b", true).ok()).isTrue();
            assertThat(sat.thermal().read().loops().get(1).heaterOn()).isTrue();
            assertThat(hw.thermal().setPump("loop-x", true).fault().code()).isEqualTo(FaultCode.COMMAND_REJECTED);

            // A sensor fault in the model crosses the wire as NaN with its quality and code.
            BoardReading b2 = hw.boards().get(2).read();
            assertThat(b2.tempC()).isNaN();
            assertThat(b2.quality()).isEqualTo(Quality.FAILED);
            assertThat(b2.faults()).anySatisfy(f -> assertThat(f.code()).isEqualTo(FaultCode.SENSOR_NAN));
            assertThat(hw.boards().get(0).read().workUnits()).isPositive();
        }
    }

    @Test
    void theSafeStatesDeclaredByTheCapabilitiesAreReachedOverTheSocket(@TempDir Path dir) throws Exception {
        SimSatellite sat = satellite();
        try (HilServer server = HilServer.start(sat, "127.0.0.1", 0, 100)) {
            HardwareAssembly hw = flightSide(dir, server.port());
            assertThat(sat.thermal().setPump("loop-b", false).ok()).isTrue();
            assertThat(sat.thermal().setHeater("loop-a", true).ok()).isTrue();
            assertThat(sat.boards().get(2).read().state()).isEqualTo(BoardState.ENABLED);

            for (AcceleratorBoard b : hw.boards()) {
                assertThat(b.applySafeState().ok()).as(b.spec().id()).isTrue();
            }
            assertThat(hw.thermal().applySafeState().ok()).isTrue();
            assertThat(hw.power().applySafeState().ok()).isTrue();

            assertThat(sat.boards()).allSatisfy(b -> assertThat(b.read().state()).as(b.spec().id())
                    .isEqualTo(BoardState.DISABLED));
            assertThat(sat.thermal().read().loops()).allSatisfy(l -> assertThat(l.pumpOn()).as(l.name()).isTrue());
            assertThat(sat.thermal().read().loops().get(0).heaterOn()).as("heaters are not commanded").isTrue();
            assertThat(hw.thermal().safeState().outputs()).hasSameSizeAs(sat.thermal().spec().loops());
        }
    }

    @Test
    void theNavigationReceiverCrossesTheWireAndIsCheckedOnFlightsSide(@TempDir Path dir) throws Exception {
        SimSatellite sat = satellite();
        try (HilServer server = HilServer.start(sat, "127.0.0.1", 0, 100)) {
            String yaml = """
                    clock: {backend: system}
                    power: {backend: remote}
                    thermal: {backend: remote}
                    accelerators: {backend: remote}
                    navigation: {backend: remote}
                    backends:
                      remote: {host: 127.0.0.1, port: %d, timeoutMs: 5000}
                    """.formatted(server.port());
            HardwareAssembly hw = HardwareAssembly.build(ConfigReader.parse(yaml, false, HardwareConfig.class, "sat.yaml"),
                    dir, "hardware");
            assertThat(hw.chosen()).containsEntry("navigation", "remote");
            assertThat(hw.navigation().spec().positionSigmaM()).isEqualTo(5.0);
            int usable = 0;
            for (int i = 0; i < 20; i++) {
                var fix = hw.navigation().read();
                if (fix.usable()) {
                    usable++;
                    // The truth orbit's radius, to the receiver's noise (the model's time moves on meanwhile).
                    assertThat(fix.radiusM()).isCloseTo(sat.truthOrbit().earthFixed(fix.fixTime()).radiusM(), within(100.0));
                } else {
                    assertThat(fix.faults()).isNotEmpty();
                }
            }
            assertThat(usable).isGreaterThan(15);
            server.close();
            var lost = hw.navigation().read();
            assertThat(lost.usable()).isFalse();
            assertThat(lost.faults()).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo(FaultCode.SENSOR_IO_ERROR));
        }
    }

    @Test
    void aServerThatDiesBecomesFaultsNotExceptionsAndARestartedOneIsPickedUp(@TempDir Path dir) throws Exception {
        SimSatellite sat = satellite();
        HilServer server = HilServer.start(sat, "127.0.0.1", 0, 100);
        int port = server.port();
        HardwareAssembly hw = flightSide(dir, port);
        assertThat(hw.power().read().quality()).isEqualTo(Quality.GOOD);
        server.close();

        PowerReading p = hw.power().read();
        assertThat(p.quality()).isEqualTo(Quality.FAILED);
        assertThat(p.batterySocPct()).isNaN();
        assertThat(p.faults()).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo(FaultCode.SENSOR_IO_ERROR));
        var th = hw.thermal().read();
        assertThat(th.quality()).isEqualTo(Quality.FAILED);
        assertThat(th.zones()).allSatisfy(z -> assertThat(z.tempC()).isNaN());
        BoardReading b = hw.boards().get(0).read();
        assertThat(b.quality()).isEqualTo(Quality.FAILED);
        assertThat(b.faults()).anySatisfy(f -> assertThat(f.code()).isEqualTo(FaultCode.SENSOR_IO_ERROR));
        assertThat(hw.boards().get(0).setCap(500).fault().code()).isEqualTo(FaultCode.COMMAND_TIMEOUT);
        assertThat(hw.thermal().setPump("loop-a", false).fault().code()).isEqualTo(FaultCode.COMMAND_TIMEOUT);

        try (HilServer again = HilServer.start(sat, "127.0.0.1", port, 100)) {
            assertThat(hw.power().read().quality()).isEqualTo(Quality.GOOD);
            assertThat(hw.boards().get(0).setCap(500).ok()).isTrue();
        }
    }

    @Test
    void anUnreachableServerStopsAssemblyWithAConfigErrorNamingTheBackend(@TempDir Path dir) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closed = port;
        assertThatThrownBy(() -> flightSide(dir, closed)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.key()).isEqualTo("hardware.backends.remote"));
    }

    @Test
    void aForeignClientSpeaksThePlainJsonLinesProtocol() throws Exception {
        SimSatellite sat = satellite();
        try (HilServer server = HilServer.start(sat, "127.0.0.1", 0, 100);
             Socket s = new Socket("127.0.0.1", server.port());
             PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            out.println("{\"id\": 1, \"op\": \"hello\"}");
            JsonNode hello = JSON.readTree(in.readLine());
            assertThat(hello.path("id").asInt()).isEqualTo(1);
            assertThat(hello.path("result").path("protocol").asInt()).isEqualTo(HilServer.PROTOCOL);
            assertThat(hello.path("result").path("boards").asInt()).isEqualTo(4);
            out.println("{\"id\": 2, \"op\": \"board.setEnabled\", \"board\": \"board-03\", \"enabled\": false}");
            assertThat(JSON.readTree(in.readLine()).path("result").path("ok").asBoolean()).isTrue();
            out.println("{\"id\": 3, \"op\": \"warp.drive\"}");
            assertThat(JSON.readTree(in.readLine()).path("error").path("code").asText()).isEqualTo("UNKNOWN_OP");
            out.println("{\"id\": 4, \"op\": \"board.read\", \"board\": \"board-99\"}");
            assertThat(JSON.readTree(in.readLine()).path("error").path("code").asText()).isEqualTo("UNKNOWN_DEVICE");
            out.println("not json");
            assertThat(JSON.readTree(in.readLine()).path("error").path("code").asText()).isEqualTo("BAD_REQUEST");
            out.println("{\"id\": 5, \"op\": \"board.setCap\", \"board\": \"board-00\", \"capW\": \"lots\"}");
            assertThat(JSON.readTree(in.readLine()).path("error").path("code").asText()).isEqualTo("BAD_REQUEST");
            out.println("{\"id\": 6, \"op\": \"truth\"}");
            assertThat(JSON.readTree(in.readLine()).path("result").path("scenario").asText()).isEqualTo("hil");
        }
        assertThat(sat.boards().get(3).read().state()).isEqualTo(io.sunsync.hal.accel.BoardState.DISABLED);
    }
}
