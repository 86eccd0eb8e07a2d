package io.sunsync.hal.accel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.time.ManualTimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nvidia-smi backend against a fake nvidia-smi run as a real process (see {@link FakeNvidiaSmi}). */
class NvidiaSmiAcceleratorBoardTest {
    @TempDir
    Path dir;
    private final ManualTimeSource time = new ManualTimeSource();
    private FakeNvidiaSmi fake;
    private NvidiaSmi smi;
    private NvidiaSmiAcceleratorBoard gpu0;
    private NvidiaSmiAcceleratorBoard gpu1;

    @BeforeEach
    void setUp() {
        fake = new FakeNvidiaSmi(dir);
        smi = new NvidiaSmi(fake.path().toString(), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofMillis(500), time);
        gpu0 = board(0, FakeNvidiaSmi.UUID0);
        gpu1 = board(1, FakeNvidiaSmi.UUID1);
    }

    private NvidiaSmiAcceleratorBoard board(int index, String uuid) {
        return new NvidiaSmiAcceleratorBoard(smi, new BoardSpec("gpu-" + index, "NVIDIA H100 80GB HBM3", index, 200, 700,
                70, 87), uuid, Duration.ofSeconds(5), Duration.ofSeconds(10), time);
    }

    @Test
    void oneInvocationReadsEveryBoardPerTick() {
        BoardReading r0 = gpu0.read();
        BoardReading r1 = gpu1.read();
        assertThat(fake.queries()).isEqualTo(1);
        assertThat(r0.quality()).isEqualTo(Quality.GOOD);
        assertThat(r0.powerW()).isEqualTo(312.45);
        assertThat(r0.capW()).isEqualTo(700.0);
        assertThat(r0.tempC()).isEqualTo(61.0);
        assertThat(r0.utilizationPct()).isEqualTo(87.0);
        assertThat(r0.throttleReasons()).containsExactly(ThrottleReason.POWER_CAP);
        assertThat(r0.faults()).isEmpty();
        // [N/A] ECC on an idle board: not a fault, no count
        assertThat(r1.quality()).isEqualTo(Quality.GOOD);
        assertThat(r1.eccUncorrected()).isZero();
        assertThat(r1.throttleReasons()).containsExactly(ThrottleReason.IDLE);
        time.advanceS(1);
        gpu0.read();
        assertThat(fake.queries()).isEqualTo(2);
    }

    @Test
    void setCapRunsDashPlAndVerifiesByQueryingAgain() {
        CommandResult r = gpu1.setCap(450);
        assertThat(r.ok()).isTrue();
        assertThat(fake.calls()).contains("-i " + FakeNvidiaSmi.UUID1 + " -pl 450.00");
        assertThat(fake.limit(1)).isEqualTo("450.00");
        assertThat(gpu1.read().capW()).isEqualTo(450.0);
    }

    @Test
    void aRefusedDashPlIsRejectedWithWhatTheToolSaid() {
        fake.on("pl-fails", "Unable to set power limit for GPU 00000000:19:00.0: Insufficient Permissions\n"
                + "Terminating early due to previous errors.\n");
        CommandResult r = gpu0.setCap(400);
        assertThat(r.fault().code()).isEqualTo(FaultCode.COMMAND_REJECTED);
        assertThat(r.fault().detail()).contains("exited with 4").contains("Insufficient Permissions");
    }

    @Test
    void aDashPlThatChangesNothingIsNotVerified() {
        fake.on("pl-ignored");
        CommandResult r = gpu0.setCap(400);
        assertThat(r.fault().code()).isEqualTo(FaultCode.COMMAND_NOT_VERIFIED);
        assertThat(r.fault().detail()).contains("700.0 W");
    }

    @Test
    void aCapOutsideTheBoardsRangeIsRefusedWithoutRunningTheTool() {
        assertThat(gpu0.setCap(900).fault().code()).isEqualTo(FaultCode.COMMAND_OUT_OF_RANGE);
        assertThat(fake.calls()).noneMatch(c -> c.contains("-pl"));
    }

    @Test
    void aHungToolTimesOutAndTheLastValuesAreServedStale() {
        smi = new NvidiaSmi(fake.path().toString(), Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofMillis(500), time);
        gpu0 = board(0, FakeNvidiaSmi.UUID0);
        assertThat(gpu0.read().quality()).isEqualTo(Quality.GOOD);
        fake.on("hang");
        time.advanceS(1);
        BoardReading stale = gpu0.read();
        assertThat(stale.quality()).isEqualTo(Quality.STALE);
        assertThat(stale.powerW()).isEqualTo(312.45);
        assertThat(stale.faults()).extracting(HalFault::code)
                .containsExactly(FaultCode.COMMAND_TIMEOUT, FaultCode.SENSOR_STALE);
        time.advanceS(10);
        BoardReading failed = gpu0.read();
        assertThat(failed.quality()).isEqualTo(Quality.FAILED);
        assertThat(failed.powerW()).isNaN();
        assertThat(failed.faults()).extracting(HalFault::code).containsExactly(FaultCode.COMMAND_TIMEOUT);
    }

    @Test
    void aHungDashPlTimesOut() {
        smi = new NvidiaSmi(fake.path().toString(), Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofMillis(500), time);
        fake.on("pl-hangs");
        assertThat(board(0, FakeNvidiaSmi.UUID0).setCap(300).fault().code()).isEqualTo(FaultCode.COMMAND_TIMEOUT);
    }

    @Test
    void placeholdersForMandatoryQuantitiesAreFaultsButOptionalOnesAreNot() {
        fake.rows("""
                0, %s, NVIDIA H100 80GB HBM3, [N/A], @LIMIT0@, 200.00, 700.00, [Unknown Error], [Not Supported], [Not Supported], [Not Supported]
                """.formatted(FakeNvidiaSmi.UUID0));
        BoardReading r = gpu0.read();
        assertThat(r.quality()).isEqualTo(Quality.FAILED);
        assertThat(r.faults()).extracting(HalFault::code, HalFault::quantity).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FaultCode.SENSOR_MISSING, "powerW"),
                org.assertj.core.groups.Tuple.tuple(FaultCode.SENSOR_IO_ERROR, "tempC"));
        assertThat(r.capW()).isEqualTo(700.0);
        assertThat(r.utilizationPct()).isNaN();
    }

    @Test
    void eccErrorsAndThermalSlowdownAreHealthFaults() {
        fake.rows("""
                0, %s, NVIDIA H100 80GB HBM3, 640.10, @LIMIT0@, 200.00, 700.00, 88, 100, 2, 0x0000000000000044
                """.formatted(FakeNvidiaSmi.UUID0));
        BoardReading r = gpu0.read();
        assertThat(r.quality()).isEqualTo(Quality.GOOD);
        assertThat(r.eccUncorrected()).isEqualTo(2);
        assertThat(r.throttleReasons()).contains(ThrottleReason.HW_THERMAL, ThrottleReason.POWER_CAP);
        assertThat(r.faults()).extracting(HalFault::code).containsExactly(FaultCode.DEVICE_ERROR, FaultCode.DEVICE_THROTTLED);
    }

    @Test
    void aLostGpuIsHungWhileTheOthersAreStillRead() {
        fake.rows("""
                Unable to determine the device handle for GPU0000:19:00.0: GPU is lost.  Reboot the system to recover this GPU
                1, %s, NVIDIA H100 80GB HBM3, 68.90, @LIMIT1@, 200.00, 700.00, 34, 0, 0, 0x0000000000000001
                """.formatted(FakeNvidiaSmi.UUID1)).on("exit-code", "15\n");
        BoardReading lost = gpu0.read();
        assertThat(lost.state()).isEqualTo(BoardState.HUNG);
        assertThat(lost.faults()).extracting(HalFault::code).containsExactly(FaultCode.DEVICE_HUNG);
        assertThat(gpu1.read().quality()).isEqualTo(Quality.GOOD);
    }

    @Test
    void anOlderDriverIsAskedForTheLegacyThrottleField() {
        fake.on("old-driver");
        assertThat(gpu0.read().quality()).isEqualTo(Quality.GOOD);
        assertThat(smi.reasonsField()).isEqualTo(NvidiaSmiCsv.LEGACY_REASONS_FIELD);
        List<String> queries = fake.calls().stream().filter(c -> c.contains("--query-gpu")).toList();
        assertThat(queries).hasSize(2);
        assertThat(queries.get(1)).contains("clocks_throttle_reasons.active").doesNotContain("clocks_event_reasons");
    }

    @Test
    void aLimitLostToAResetOrRebootIsAppliedAgain() {
        assertThat(gpu0.setCap(500).ok()).isTrue();
        fake.limit(0, "700.00");
        time.advanceS(1);
        BoardReading r = gpu0.read();
        assertThat(r.faults()).extracting(HalFault::code).containsExactly(FaultCode.COMMAND_NOT_VERIFIED);
        assertThat(r.faults().get(0).detail()).contains("re-applied: ok");
        assertThat(fake.limit(0)).isEqualTo("500.00");
    }

    @Test
    void theSafeStateDisablesAtTheMinimumCapAndEnablingRestoresIt() {
        assertThat(gpu0.setCap(550).ok()).isTrue();
        assertThat(gpu0.applySafeState().ok()).isTrue();
        assertThat(fake.limit(0)).isEqualTo("200.00");
        time.advanceS(1);
        assertThat(gpu0.read().state()).isEqualTo(BoardState.DISABLED);
        assertThat(gpu0.setEnabled(true).ok()).isTrue();
        assertThat(fake.limit(0)).isEqualTo("550.00");
    }

    @Test
    void resetRunsDashRAndPutsTheCapBack() {
        assertThat(gpu0.setCap(500).ok()).isTrue();
        assertThat(gpu0.reset().ok()).isTrue();
        assertThat(fake.calls()).contains("-i " + FakeNvidiaSmi.UUID0 + " -r");
        assertThat(fake.limit(0)).isEqualTo("500.00");
    }

    @Test
    void aMissingToolIsAFaultOnEveryReadNotAnException() {
        smi = new NvidiaSmi(dir.resolve("gone").toString(), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, time);
        BoardReading r = board(0, FakeNvidiaSmi.UUID0).read();
        assertThat(r.quality()).isEqualTo(Quality.FAILED);
        assertThat(r.faults()).extracting(HalFault::code).containsExactly(FaultCode.SENSOR_MISSING);
        assertThat(r.powerW()).isNaN();
    }

    @Test
    void garbageOutputIsUnparsableNotAnException() {
        fake.rows("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n").on("exit-code", "9\n");
        BoardReading r = gpu0.read();
        assertThat(r.quality()).isEqualTo(Quality.FAILED);
        assertThat(r.faults()).extracting(HalFault::code).containsExactly(FaultCode.SENSOR_IO_ERROR);
        assertThat(r.faults().get(0).detail()).contains("exited with 9");
        assertThat(r.powerW()).isCloseTo(Double.NaN, within(0.0));
    }
}
