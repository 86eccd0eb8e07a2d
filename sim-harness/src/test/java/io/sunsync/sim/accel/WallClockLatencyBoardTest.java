package io.sunsync.sim.accel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.config.DeviceConfig;
import io.sunsync.hal.config.HardwareAssembly;
import io.sunsync.hal.config.HardwareConfig;
import io.sunsync.sim.SimBackendProvider;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WallClockLatencyBoardTest {

    /** A board that counts how many commands run on all such boards at once. */
    private static final class CountingBoard implements AcceleratorBoard {
        private static final Object LOCK = new Object();
        private static int running;
        private static int maxRunning;
        private final BoardSpec spec;
        private final CountDownLatch together;

        CountingBoard(int i, CountDownLatch together) {
            this.spec = new BoardSpec("board-0" + i, "counting", i, 100, 1000, 10, 85);
            this.together = together;
        }

        static void resetCounts() {
            synchronized (LOCK) {
                running = 0;
                maxRunning = 0;
            }
        }

        static int maxRunning() {
            synchronized (LOCK) {
                return maxRunning;
            }
        }

        @Override
        public BoardSpec spec() {
            return spec;
        }

        @Override
        public BoardReading read() {
            return BoardReading.unreadable(Instant.EPOCH, spec.id(), BoardState.ENABLED, Quality.GOOD, List.of());
        }

        @Override
        public CommandResult setCap(double capW) {
            synchronized (LOCK) {
                running++;
                maxRunning = Math.max(maxRunning, running);
            }
            try {
                together.countDown();
                together.await(200, TimeUnit.MILLISECONDS); // overlaps with the others if they can run at once
                return CommandResult.success();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CommandResult.success();
            } finally {
                synchronized (LOCK) {
                    running--;
                }
            }
        }

        @Override
        public CommandResult setEnabled(boolean enabled) {
            return setCap(spec.minCapW());
        }

        @Override
        public CommandResult reset() {
            return CommandResult.success();
        }
    }

    private static int maxConcurrentCommands(WallClockLatency model) throws Exception {
        CountingBoard.resetCounts();
        CountDownLatch together = new CountDownLatch(4);
        List<AcceleratorBoard> inner = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inner.add(new CountingBoard(i, together));
        }
        List<AcceleratorBoard> boards = WallClockLatencyBoard.wrap(inner, model);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CommandResult>> f = new ArrayList<>();
            for (AcceleratorBoard b : boards) {
                f.add(pool.submit(() -> b.setCap(500)));
            }
            for (Future<CommandResult> r : f) {
                assertThat(r.get(30, TimeUnit.SECONDS).ok()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        return CountingBoard.maxRunning();
    }

    @Test
    void theNvidiaSmiModelRunsOneCallAtATimeAcrossTheBackend() throws Exception {
        assertThat(maxConcurrentCommands(new WallClockLatency("nvidia-smi", 1.0, null, null, null, null, null))).isEqualTo(1);
    }

    @Test
    void theNvmlModelLetsCallsToDifferentBoardsOverlap() throws Exception {
        assertThat(maxConcurrentCommands(WallClockLatency.preset("nvml"))).isEqualTo(4);
    }

    @Test
    void oneSharedQueryServesEveryBoardsReadingWithinItsCacheAge() {
        List<AcceleratorBoard> inner = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inner.add(new CountingBoard(i, new CountDownLatch(0)));
        }
        WallClockLatencyBoard.Tool smi = new WallClockLatencyBoard.Tool(
                new WallClockLatency("nvidia-smi", 0.0, 0.01, 60_000.0, null, null, null));
        List<AcceleratorBoard> viaSmi = WallClockLatencyBoard.wrap(inner, smi);
        viaSmi.forEach(AcceleratorBoard::read);
        viaSmi.forEach(AcceleratorBoard::read);
        assertThat(smi.paidReads()).isEqualTo(1);

        WallClockLatencyBoard.Tool nvml = new WallClockLatencyBoard.Tool(WallClockLatency.preset("nvml"));
        List<AcceleratorBoard> viaNvml = WallClockLatencyBoard.wrap(inner, nvml);
        viaNvml.forEach(AcceleratorBoard::read);
        assertThat(nvml.paidReads()).isEqualTo(8);
    }

    @Test
    void presetsCarryTheMeasuredFiguresAndExplicitValuesOverrideThem() {
        WallClockLatency smi = WallClockLatency.preset("nvidia-smi");
        assertThat(smi.readMs()).isEqualTo(30.5);
        assertThat(smi.commandMs()).isEqualTo(61.0);
        assertThat(smi.serial()).isTrue();
        WallClockLatency nvml = WallClockLatency.preset("NVML");
        assertThat(nvml.readMs()).isEqualTo(0.0058);
        assertThat(nvml.serial()).isFalse();
        assertThat(new WallClockLatency("nvidia-smi", 45.0, null, null, false, null, null).commandMs()).isEqualTo(45.0);
        assertThat(WallClockLatency.preset("none").free()).isTrue();
        assertThatThrownBy(() -> WallClockLatency.preset("carrier-pigeon")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("nvidia-smi, nvml, none");
        assertThatThrownBy(() -> new WallClockLatency("nvml", -1.0, null, null, null, null, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("commandMs");
    }

    @Test
    void theSimBackendWrapsItsBoardsWhenTheConfigAsksForALatencyModel() throws InterruptedException {
        var settings = ConfigReader.jsonMapper().createObjectNode().put("boards", 3);
        settings.putObject("wallLatency").put("model", "nvml");
        HardwareConfig hw = new HardwareConfig(DeviceConfig.of("sim"), DeviceConfig.of("sim"), DeviceConfig.of("sim"),
                DeviceConfig.of("sim"), Map.of("sim", settings));
        HardwareAssembly a = HardwareAssembly.build(hw, Path.of("."), "hardware", List.of(new SimBackendProvider()));
        assertThat(a.boards()).hasSize(3).allMatch(b -> b instanceof WallClockLatencyBoard);
        assertThat(a.boards().get(0).setCap(600).ok()).isTrue();
        // In force 0.1 ms of simulated time later (the default actuation: NVML's command latency).
        assertThat(a.boards().get(0).read().capW()).isEqualTo(1000);
        a.timeSource().awaitUntil(a.timeSource().now().plusMillis(1));
        assertThat(a.boards().get(0).read().capW()).isEqualTo(600);

        var bad = ConfigReader.jsonMapper().createObjectNode();
        bad.putObject("wallLatency").put("model", "smoke-signals");
        HardwareConfig badHw = new HardwareConfig(DeviceConfig.of("sim"), DeviceConfig.of("sim"), DeviceConfig.of("sim"),
                DeviceConfig.of("sim"), Map.of("sim", bad));
        assertThatThrownBy(() -> HardwareAssembly.build(badHw, Path.of("."), "hardware", List.of(new SimBackendProvider())))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("hardware.backends.sim.wallLatency.model"));
    }

}
