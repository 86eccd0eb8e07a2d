package io.sunsync.hal.accel;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.FaultCode;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The CSV of {@code nvidia-smi --query-gpu=... --format=csv,noheader,nounits}; bit values of
 * clocks_event_reasons after NVML's nvmlClocksEventReasons
 * (docs.nvidia.com/deploy/nvml-api/group__nvmlClocksEventReasons.html).
 */
class NvidiaSmiCsvTest {

    @Test
    void parsesALineOfTheRealFormat() {
        NvidiaSmiCsv.Parsed p = NvidiaSmiCsv.parse(
                "0, GPU-8b5e3c1e-6bd5-1b6a-5e2f-9d8f3c8a1d21, NVIDIA H100 80GB HBM3, 69.83, 700.00, 200.00, 700.00, 33, 0, 0, 0x0000000000000001\n");
        assertThat(p.problems()).isEmpty();
        NvidiaSmiCsv.Row r = p.rows().get(0);
        assertThat(r.index()).isZero();
        assertThat(r.uuid()).isEqualTo("GPU-8b5e3c1e-6bd5-1b6a-5e2f-9d8f3c8a1d21");
        assertThat(r.name()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(r.powerDraw().sample(NvidiaSmiCsv.POWER, "gpu0").value()).isEqualTo(69.83);
        assertThat(r.powerLimit().sample(NvidiaSmiCsv.LIMIT, "gpu0").value()).isEqualTo(700.0);
        assertThat(NvidiaSmiCsv.reasons(r.reasons())).containsExactly(ThrottleReason.IDLE);
    }

    @Test
    void placeholdersAreMissingValuesWithTheirOwnFault() {
        NvidiaSmiCsv.Row r = NvidiaSmiCsv.parse(
                "2, GPU-aa, NVIDIA GeForce RTX 3090, [N/A], 350.00, 100.00, 400.00, [Unknown Error], 3, [Not Supported], [Not Supported]")
                .rows().get(0);
        assertThat(r.powerDraw().status()).isEqualTo(NvidiaSmiCsv.Status.NOT_AVAILABLE);
        assertThat(r.powerDraw().sample(NvidiaSmiCsv.POWER, "g").fault()).isEqualTo(FaultCode.SENSOR_MISSING);
        assertThat(r.temp().sample(NvidiaSmiCsv.TEMP, "g").fault()).isEqualTo(FaultCode.SENSOR_IO_ERROR);
        assertThat(r.ecc().status()).isEqualTo(NvidiaSmiCsv.Status.NOT_SUPPORTED);
        assertThat(NvidiaSmiCsv.reasons(r.reasons())).isEmpty();
    }

    @Test
    void aProductNameWithACommaStaysOneField() {
        NvidiaSmiCsv.Row r = NvidiaSmiCsv.parse("0, GPU-aa, Tesla V100-SXM2-32GB, rev A, 50.1, 300.00, 150.00, 300.00, 40, 0, 0, 0x0")
                .rows().get(0);
        assertThat(r.name()).isEqualTo("Tesla V100-SXM2-32GB, rev A");
        assertThat(r.temp().raw()).isEqualTo("40");
    }

    @Test
    void throttleBitsMapToReasons() {
        assertThat(NvidiaSmiCsv.reasons(NvidiaSmiCsv.field("0x0000000000000004"))).containsExactly(ThrottleReason.POWER_CAP);
        assertThat(NvidiaSmiCsv.reasons(NvidiaSmiCsv.field("0x0000000000000060")))
                .isEqualTo(Set.of(ThrottleReason.SW_THERMAL, ThrottleReason.HW_THERMAL));
        assertThat(NvidiaSmiCsv.reasons(NvidiaSmiCsv.field("0x0000000000000088"))).containsExactly(ThrottleReason.HW_SLOWDOWN);
        assertThat(NvidiaSmiCsv.reasons(NvidiaSmiCsv.field("0x0000000000000000"))).isEmpty();
        assertThat(NvidiaSmiCsv.reasons(NvidiaSmiCsv.field("Active"))).isNull();
    }

    @Test
    void linesThatAreNotGpuRowsAreReportedNotParsed() {
        NvidiaSmiCsv.Parsed p = NvidiaSmiCsv.parse("""
                Unable to determine the device handle for GPU0000:3B:00.0: GPU is lost.  Reboot the system to recover this GPU
                1, GPU-bb, NVIDIA H100 80GB HBM3, 70.00, 700.00, 200.00, 700.00, 35, 0, 0, 0x0000000000000001
                """);
        assertThat(p.rows()).extracting(NvidiaSmiCsv.Row::index).containsExactly(1);
        assertThat(p.problems()).hasSize(1);
        assertThat(p.problems().get(0)).startsWith("line 1:");
    }

    @Property(tries = 1000)
    void anyOutputParsesWithoutThrowingAndOddLinesAreReported(@ForAll String output) {
        NvidiaSmiCsv.Parsed p = NvidiaSmiCsv.parse(output);
        long lines = output.lines().filter(l -> !l.isBlank()).count();
        assertThat(p.rows().size() + p.problems().size()).isLessThanOrEqualTo((int) Math.max(lines, 1) + 1);
        for (NvidiaSmiCsv.Row r : p.rows()) {
            assertThat(r.index()).isBetween(0, 9999);
            // every field becomes a sample or a flagged failure, never an exception
            for (NvidiaSmiCsv.Field f : new NvidiaSmiCsv.Field[] {r.powerDraw(), r.powerLimit(), r.temp(), r.util(), r.ecc()}) {
                assertThat(f.sample(NvidiaSmiCsv.POWER, "fuzz").quality()).isNotNull();
            }
            NvidiaSmiCsv.reasons(r.reasons());
        }
    }

    @Property(tries = 1000)
    void anyFieldTextIsAValueOrFlagged(@ForAll String text) {
        var s = NvidiaSmiCsv.field(text).sample(NvidiaSmiCsv.LIMIT, "fuzz");
        if (!text.trim().matches("[-+]?\\d{1,30}(\\.\\d{1,30})?([eE][-+]?\\d{1,4})?")) {
            assertThat(s.fault()).isNotNull();
            assertThat(s.value()).isNaN();
        }
    }
}
