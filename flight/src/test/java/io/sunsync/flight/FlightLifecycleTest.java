package io.sunsync.flight;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import io.sunsync.flight.app.FlightApplication;
import io.sunsync.flight.icd.IcdSchemas;
import io.sunsync.flight.lifecycle.ComponentGroup;
import io.sunsync.flight.lifecycle.Lifecycle.State;
import io.sunsync.flight.link.Json;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.config.HardwareAssembly;
import io.sunsync.testkit.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's lifecycle on the sim backend: the declared start order, every component's
 * state, and the hardware's declared safe state (boards disabled, every pump on) after a clean stop
 * and on entry to safe mode. The sim's board commands take effect after their modelled latency,
 * so the boards are read after a few seconds of simulated time.
 */
class FlightLifecycleTest {

    private static FlightApplication app(Path dir) throws Exception {
        return FlightEndToEndTest.flight(dir, EmbeddedBroker.shared());
    }

    /** Steps the simulation on (it moves only while flight's scheduler waits) so commands in flight land. */
    private static void letCommandsLand(HardwareAssembly hw) throws InterruptedException {
        hw.timeSource().awaitUntil(hw.timeSource().now().plusSeconds(10));
    }

    private static void assertSafe(HardwareAssembly hw) {
        for (AcceleratorBoard b : hw.boards()) {
            assertThat(b.read().state()).as(b.spec().id()).isEqualTo(BoardState.DISABLED);
        }
        assertThat(hw.thermal().read().loops()).allSatisfy(l -> assertThat(l.pumpOn()).as(l.name()).isTrue());
    }

    @Test
    void componentsRunInTheirDeclaredOrderAndAStoppedApplicationLeavesTheHardwareSafe(@TempDir Path dir)
            throws Exception {
        FlightApplication app = app(dir);
        HardwareAssembly hw = app.hardware();
        String loop = hw.thermal().spec().loops().get(0);
        try (app) {
            assertThat(app.components().components()).extracting(ComponentGroup.Component::name)
                    .containsExactly("link", "orbit", "hardware", "results");
            app.start();
            assertThat(app.state()).isEqualTo(State.RUNNING);
            assertThat(app.components().statuses()).extracting(ComponentGroup.Status::state).containsOnly(State.RUNNING);
            String section = new String(Json.encode(app.components().statuses()), StandardCharsets.UTF_8);
            String schema = "{\"$ref\": \"" + IcdSchemas.BASE + IcdSchemas.HK + "#/properties/components\"}";
            assertThat(IcdSchemas.compile(schema).validate(section, InputFormat.JSON)).as(section).isEmpty();
            assertThat(hw.thermal().setPump(loop, false).ok()).isTrue();
            assertThat(hw.boards()).allSatisfy(b -> assertThat(b.read().state()).isEqualTo(BoardState.ENABLED));

            app.run(Duration.ofSeconds(30));

            assertThat(app.state()).isEqualTo(State.TERMINATED);
            assertThat(app.components().statuses()).extracting(ComponentGroup.Status::state)
                    .containsOnly(State.TERMINATED);
        }
        letCommandsLand(hw);
        assertSafe(hw);
    }

    @Test
    void enteringSafeModeDrivesTheHardwareToItsSafeStateAtOnce(@TempDir Path dir) throws Exception {
        try (FlightApplication app = app(dir)) {
            HardwareAssembly hw = app.hardware();
            app.start();
            String loop = hw.thermal().spec().loops().get(0);
            assertThat(hw.thermal().setPump(loop, false).ok()).isTrue();
            assertThat(hw.thermal().read().loops()).anySatisfy(l -> assertThat(l.pumpOn()).isFalse());

            app.modeControl().requestMode("SAFE", "drill");

            assertThat(hw.thermal().read().loops()).allSatisfy(l -> assertThat(l.pumpOn()).as(l.name()).isTrue());
            assertThat(app.control().actuator().lastShed().reason()).startsWith("safe mode: ");
            letCommandsLand(hw);
            assertSafe(hw);
        }
    }
}
