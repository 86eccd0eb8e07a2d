package io.sunsync.hal.accel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.config.TestContexts;
import io.sunsync.hal.linux.NvmlBackendProvider;
import io.sunsync.hal.time.ManualTimeSource;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every nvmlReturn_t of nvml.h becomes a typed fault, on a reading and on a command, through the real binding. */
class NvmlReturnTest {
    @TempDir
    Path dir;

    @Test
    void everyCodeOfNvmlHIsKnownAndMapsToAFault() {
        // nvml.h (R580): 0..30 and 999.
        for (int code = 0; code <= 30; code++) {
            assertThat(NvmlReturn.of(code).code()).as("code %d", code).isEqualTo(code);
        }
        assertThat(NvmlReturn.of(999)).isEqualTo(NvmlReturn.UNKNOWN);
        assertThat(NvmlReturn.of(31)).isEqualTo(NvmlReturn.UNRECOGNIZED);
        assertThat(NvmlReturn.of(-5)).isEqualTo(NvmlReturn.UNRECOGNIZED);
        for (NvmlReturn r : NvmlReturn.values()) {
            if (r != NvmlReturn.SUCCESS) {
                assertThat(r.readFault()).as(r.name()).isNotNull();
                assertThat(r.commandFault()).as(r.name()).isNotNull();
            }
        }
        assertThat(NvmlReturn.GPU_IS_LOST.readFault()).isEqualTo(FaultCode.DEVICE_HUNG);
        assertThat(NvmlReturn.NOT_SUPPORTED.readFault()).isEqualTo(FaultCode.SENSOR_MISSING);
        assertThat(NvmlReturn.NO_PERMISSION.commandFault()).isEqualTo(FaultCode.SENSOR_PERMISSION);
        assertThat(NvmlReturn.TIMEOUT.commandFault()).isEqualTo(FaultCode.COMMAND_TIMEOUT);
        assertThat(NvmlReturn.INVALID_ARGUMENT.commandFault()).isEqualTo(FaultCode.COMMAND_OUT_OF_RANGE);
    }

    @Test
    void eachCodeTheLibraryReturnsBecomesItsFaultOnAReadingAndOnACommand() {
        FakeNvml fake = new FakeNvml(dir);
        fake.script("device\n");
        ObjectNode options = ConfigReader.jsonMapper().createObjectNode().put("library", FakeNvml.LIBRARY.toString());
        AcceleratorBoard gpu = new NvmlBackendProvider().accelerators(options, TestContexts.of(dir, new ManualTimeSource()))
                .get(0);
        List<NvmlReturn> codes = Arrays.stream(NvmlReturn.values())
                .filter(r -> r != NvmlReturn.SUCCESS && r != NvmlReturn.UNRECOGNIZED).toList();
        for (NvmlReturn r : codes) {
            fake.script("device\nfail temp " + r.code() + "\nfail set_limit " + r.code() + "\n");

            BoardReading reading = gpu.read();
            CommandResult command = gpu.setCap(500);

            List<FaultCode> seen = reading.faults().stream().map(HalFault::code).toList();
            if (r.gpuLost()) {
                assertThat(reading.state()).as(r.name()).isEqualTo(BoardState.HUNG);
                assertThat(seen).as(r.name()).containsExactly(FaultCode.DEVICE_HUNG);
            } else {
                assertThat(seen).as(r.name()).containsExactly(r.readFault());
                assertThat(reading.faults().get(0).quantity()).isEqualTo("tempC");
                assertThat(reading.faults().get(0).detail()).contains(r.cName());
            }
            assertThat(command.ok()).as(r.name()).isFalse();
            assertThat(command.fault().code()).as(r.name()).isEqualTo(r.commandFault());
        }
        fake.script("device\nfail temp 77\n"); // a code from a newer driver
        assertThat(gpu.read().faults()).extracting(HalFault::code).containsExactly(FaultCode.SENSOR_IO_ERROR);
    }
}
