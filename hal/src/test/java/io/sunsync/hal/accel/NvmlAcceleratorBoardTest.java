package io.sunsync.hal.accel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.config.TestContexts;
import io.sunsync.hal.linux.NvmlBackendProvider;
import io.sunsync.hal.time.ManualTimeSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nvml backend through its real JNA binding against the fake libnvidia-ml.so.1 (see
 * {@link FakeNvml}): values and units as NVML gives them (mW, °C, %), the device's own limits and
 * thresholds, and the faults a test scripts: a lost GPU, fields not supported, a limit that does
 * not stick, no permission, a library that will not load or initialise, an old driver.
 */
class NvmlAcceleratorBoardTest {
    @TempDir
    Path dir;
    private final ManualTimeSource time = new ManualTimeSource();
    private FakeNvml fake;

    @BeforeEach
    void setUp() {
        fake = new FakeNvml(dir);
    }

    private List<AcceleratorBoard> boards(Path library, String extraOptions) {
        ObjectNode options = ConfigReader.jsonMapper().createObjectNode().put("library", library.toString());
        if (extraOptions != null) {
            options.setAll((ObjectNode) ConfigReader.parse(extraOptions, false, ObjectNode.class, "options.yaml"));
        }
        return new NvmlBackendProvider().accelerators(options, TestContexts.of(dir, time));
    }

    private List<AcceleratorBoard> boards() {
        return boards(FakeNvml.LIBRARY, null);
    }

    private static List<FaultCode> codes(BoardReading r) {
        return r.faults().stream().map(HalFault::code).toList();
    }

    @Test
    void readsPowerLimitTemperatureAndTheDevicesOwnLimitsAndSlowdownTemperature() {
        fake.script(FakeNvml.twoH200());
        List<AcceleratorBoard> b = boards();

        assertThat(b).hasSize(2);
        BoardSpec s = b.get(0).spec();
        assertThat(s.id()).isEqualTo("gpu-0");
        assertThat(s.model()).isEqualTo("NVIDIA H200");
        assertThat(s.minCapW()).isEqualTo(200.0);
        assertThat(s.maxCapW()).isEqualTo(700.0);
        assertThat(s.slowdownTempC()).isEqualTo(90.0); // from NVML_TEMPERATURE_THRESHOLD_SLOWDOWN, not a default
        assertThat(((NvmlAcceleratorBoard) b.get(1)).uuid()).isEqualTo(FakeNvml.UUID1);
        BoardReading r = b.get(0).read();
        assertThat(r.quality()).isEqualTo(Quality.GOOD);
        assertThat(r.faults()).isEmpty();
        assertThat(r.powerW()).isEqualTo(312.45); // 312450 mW
        assertThat(r.capW()).isEqualTo(700.0);
        assertThat(r.tempC()).isEqualTo(61.0);
        assertThat(r.utilizationPct()).isEqualTo(87.0);
        assertThat(r.throttleReasons()).containsExactly(ThrottleReason.POWER_CAP);
        assertThat(b.get(1).read().throttleReasons()).containsExactly(ThrottleReason.IDLE);
    }

    @Test
    void aLostGpuIsHungWhileTheOtherBoardIsStillRead() {
        fake.script(FakeNvml.twoH200());
        List<AcceleratorBoard> b = boards();
        fake.script(FakeNvml.twoH200() + "fail * GPU_IS_LOST\n"); // the second GPU falls off the bus

        BoardReading lost = b.get(1).read();
        BoardReading other = b.get(0).read();

        assertThat(lost.state()).isEqualTo(BoardState.HUNG);
        assertThat(lost.quality()).isEqualTo(Quality.FAILED);
        assertThat(codes(lost)).containsExactly(FaultCode.DEVICE_HUNG);
        assertThat(lost.faults().get(0).detail()).contains("NVML_ERROR_GPU_IS_LOST");
        assertThat(lost.powerW()).isNaN();
        assertThat(other.quality()).isEqualTo(Quality.GOOD);
        assertThat(other.powerW()).isEqualTo(312.45);
        assertThat(b.get(1).setCap(500).fault().code()).isEqualTo(FaultCode.DEVICE_HUNG);
    }

    @Test
    void fieldsTheGpuDoesNotSupportAreAbsentButARequiredOneIsAFault() {
        fake.script("""
                device
                fail util NOT_SUPPORTED
                fail ecc NOT_SUPPORTED
                fail reasons NOT_SUPPORTED
                device
                fail power NOT_SUPPORTED
                """);
        List<AcceleratorBoard> b = boards();

        BoardReading optional = b.get(0).read();
        assertThat(optional.quality()).isEqualTo(Quality.GOOD);
        assertThat(optional.faults()).isEmpty();
        assertThat(optional.utilizationPct()).isNaN();
        assertThat(optional.eccUncorrected()).isZero();
        assertThat(optional.throttleReasons()).isEmpty();
        BoardReading required = b.get(1).read();
        assertThat(required.quality()).isEqualTo(Quality.FAILED);
        assertThat(codes(required)).containsExactly(FaultCode.SENSOR_MISSING);
        assertThat(required.faults().get(0).quantity()).isEqualTo("powerW");
        assertThat(required.capW()).isEqualTo(700.0);
    }

    @Test
    void setCapWritesMilliwattsAndReadsTheLimitBack() {
        fake.script(FakeNvml.twoH200());
        AcceleratorBoard gpu = boards().get(0);

        CommandResult r = gpu.setCap(450.5);

        assertThat(r.ok()).isTrue();
        assertThat(fake.limitMw(0)).isEqualTo(450_500);
        assertThat(gpu.read().capW()).isEqualTo(450.5);
        assertThat(gpu.setCap(800).fault().code()).isEqualTo(FaultCode.COMMAND_OUT_OF_RANGE); // refused before NVML
        assertThat(fake.setLimitCalls(0)).isEqualTo(1);
    }

    @Test
    void aLimitThatDoesNotStickIsNotVerified() {
        fake.script("device\nsticks 0\n");
        AcceleratorBoard gpu = boards().get(0);

        CommandResult r = gpu.setCap(500);

        assertThat(r.ok()).isFalse();
        assertThat(r.fault().code()).isEqualTo(FaultCode.COMMAND_NOT_VERIFIED);
        assertThat(r.fault().detail()).contains("500000 mW", "700000 mW");
    }

    @Test
    void noPermissionToSetALimitIsAPermissionFault() {
        fake.script("device\nfail set_limit NO_PERMISSION\n");
        CommandResult r = boards().get(0).setCap(500);
        assertThat(r.fault().code()).isEqualTo(FaultCode.SENSOR_PERMISSION);
        assertThat(r.fault().detail()).contains("NVML_ERROR_NO_PERMISSION");
    }

    @Test
    void aLimitLostToADriverReloadIsAppliedAgain() {
        fake.script(FakeNvml.twoH200());
        AcceleratorBoard gpu = boards().get(0);
        assertThat(gpu.setCap(500).ok()).isTrue();
        fake.script(FakeNvml.twoH200()); // the driver reloaded: the default limit (700 W) is back

        BoardReading r = gpu.read();

        assertThat(codes(r)).containsExactly(FaultCode.COMMAND_NOT_VERIFIED);
        assertThat(r.quality()).isEqualTo(Quality.GOOD);
        assertThat(fake.limitMw(0)).isEqualTo(500_000);
        assertThat(gpu.read().capW()).isEqualTo(500.0);
    }

    @Test
    void theSafeStateHoldsTheLowestCapAndEnablingRestoresTheCapBefore() {
        fake.script(FakeNvml.twoH200());
        AcceleratorBoard gpu = boards().get(0);
        gpu.setCap(600);

        assertThat(gpu.applySafeState().ok()).isTrue();
        assertThat(gpu.read().state()).isEqualTo(BoardState.DISABLED);
        assertThat(fake.limitMw(0)).isEqualTo(200_000);
        assertThat(gpu.setEnabled(true).ok()).isTrue();
        assertThat(gpu.read().state()).isEqualTo(BoardState.ENABLED);
        assertThat(fake.limitMw(0)).isEqualTo(600_000);
    }

    @Test
    void anEnforcedLimitBelowOursIsAThrottledHealthFault() {
        fake.script("device\nenforced_mw 400000\n");
        BoardReading r = boards().get(0).read();
        assertThat(codes(r)).containsExactly(FaultCode.DEVICE_THROTTLED);
        assertThat(r.quality()).isEqualTo(Quality.GOOD);
        assertThat(r.capW()).isEqualTo(700.0);
    }

    @Test
    void uncorrectableEccErrorsAndThermalSlowdownAreHealthFaults() {
        fake.script("device\necc 3\nreasons 0x40\n");
        BoardReading r = boards().get(0).read();
        assertThat(r.eccUncorrected()).isEqualTo(3);
        assertThat(r.throttleReasons()).containsExactly(ThrottleReason.HW_THERMAL);
        assertThat(codes(r)).containsExactlyInAnyOrder(FaultCode.DEVICE_ERROR, FaultCode.DEVICE_THROTTLED);
        assertThat(r.quality()).isEqualTo(Quality.GOOD);
    }

    @Test
    void aDriverOlderThanR535IsAskedForThrottleReasonsUnderTheOldName() {
        FakeNvml old = new FakeNvml(FakeNvml.OLD_LIBRARY, dir);
        old.script("device\nreasons 0x4\n");
        List<AcceleratorBoard> b = boards(FakeNvml.OLD_LIBRARY, null);

        BoardReading r = b.get(0).read();

        assertThat(r.faults()).isEmpty();
        assertThat(r.throttleReasons()).containsExactly(ThrottleReason.POWER_CAP);
    }

    @Test
    void boardsAreChosenByIndexOrUuidAndAnUnknownOneIsRefusedNamingTheKey() {
        fake.script(FakeNvml.twoH200());
        List<AcceleratorBoard> b = boards(FakeNvml.LIBRARY, "{boards: ['" + FakeNvml.UUID1 + "'], idPrefix: nv-}");
        assertThat(b).extracting(x -> x.spec().id()).containsExactly("nv-1");

        assertThatThrownBy(() -> boards(FakeNvml.LIBRARY, "{boards: [0, 'GPU-nope']}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("options.boards[1]");
                    assertThat(e.getMessage()).contains("GPU-nope", "NVML_ERROR_NOT_FOUND");
                });
    }

    @Test
    void aLibraryThatWillNotLoadOrInitialiseRefusesTheConfigNamingTheKey() {
        assertThatThrownBy(() -> boards(dir.resolve("no-such/libnvidia-ml.so.1"), null))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("options.library");
                    assertThat(e.getMessage()).contains("cannot load");
                });
        fake.script("init DRIVER_NOT_LOADED\ndevice\n");
        assertThatThrownBy(this::boards).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.getMessage()).contains("nvmlInit_v2 returned NVML_ERROR_DRIVER_NOT_LOADED"));
        fake.script("init LIB_RM_VERSION_MISMATCH\n");
        assertThatThrownBy(this::boards).hasMessageContaining("NVML_ERROR_LIB_RM_VERSION_MISMATCH");
        fake.script("# no GPU\n");
        assertThatThrownBy(this::boards).hasMessageContaining("sees no GPU");
    }

    @Test
    void withoutASlowdownThresholdTheConfiguredOrDefaultTemperatureIsUsed() {
        fake.script("device\nfail slowdown NOT_SUPPORTED\ndevice\nfail slowdown NOT_SUPPORTED\n");
        assertThat(boards().get(0).spec().slowdownTempC()).isEqualTo(NvmlOptions.DEFAULT_SLOWDOWN_C);
        assertThat(boards(FakeNvml.LIBRARY, "{slowdownTempC: 80}").get(1).spec().slowdownTempC()).isEqualTo(80.0);
    }

    @Test
    void resetRunsNvidiaSmiAndPutsTheCapBack() throws Exception {
        fake.script(FakeNvml.twoH200());
        FakeNvidiaSmi smi = new FakeNvidiaSmi(java.nio.file.Files.createDirectories(dir.resolve("smi")));
        smi.limit(0, "700.00");
        smi.on("default-limit-0", "700.00").on("index-of-" + FakeNvml.UUID0, "0");
        AcceleratorBoard gpu = boards(FakeNvml.LIBRARY, "{smiPath: '" + smi.path() + "'}").get(0);
        gpu.setCap(550);
        fake.script(FakeNvml.twoH200()); // a reset restores the default limit

        CommandResult r = gpu.reset();

        assertThat(r.ok()).as("%s", r.fault()).isTrue();
        assertThat(smi.calls()).contains("-i " + FakeNvml.UUID0 + " -r");
        assertThat(fake.limitMw(0)).isEqualTo(550_000);
        CommandResult noTool = boards(FakeNvml.LIBRARY, "{smiPath: '" + dir.resolve("missing-smi") + "'}").get(0).reset();
        assertThat(noTool.fault().code()).isEqualTo(FaultCode.COMMAND_REJECTED);
        assertThat(noTool.fault().detail()).contains("NVML has no reset");
    }

    @Test
    void commandsToDifferentBoardsMayRunAtOnce() throws Exception {
        fake.script("device\n".repeat(8));
        List<AcceleratorBoard> b = boards();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // One task per board (one lane per board, as flight's actuator runs them), all boards at once.
            List<Future<Boolean>> done = new ArrayList<>();
            for (int i = 0; i < b.size(); i++) {
                AcceleratorBoard gpu = b.get(i);
                int base = 300 + 10 * i;
                done.add(pool.submit(() -> {
                    boolean ok = true;
                    for (int round = 0; round < 50; round++) {
                        ok &= gpu.setCap(base + round).ok();
                        ok &= gpu.read().quality() == Quality.GOOD;
                    }
                    return ok;
                }));
            }
            for (Future<Boolean> f : done) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < b.size(); i++) {
            assertThat(fake.limitMw(i)).isEqualTo((300 + 10 * i + 49) * 1000);
            assertThat(fake.setLimitCalls(i)).isEqualTo(50);
        }
    }
}
