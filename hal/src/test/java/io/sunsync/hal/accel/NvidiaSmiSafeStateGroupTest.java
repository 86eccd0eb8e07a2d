package io.sunsync.hal.accel;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.time.ManualTimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nvidia-smi backend's safe-state group against a fake nvidia-smi run as a real process ({@link FakeNvidiaSmi}). */
class NvidiaSmiSafeStateGroupTest {
    private static final String UUID2 = "GPU-3c2d1e0f-4a5b-6c7d-8e9f-a0b1c2d3e4f5";
    /** Three H100s, every limit at 700 W. */
    private static final String THREE_H100 = FakeNvidiaSmi.TWO_H100 + """
            2, %s, NVIDIA H100 80GB HBM3, 650.10, @LIMIT2@, 200.00, 700.00, 70, 99, 0, 0x0000000000000004
            """.formatted(UUID2);

    @TempDir
    Path dir;
    private final ManualTimeSource time = new ManualTimeSource();
    private FakeNvidiaSmi fake;
    private NvidiaSmi smi;

    @BeforeEach
    void setUp() {
        fake = new FakeNvidiaSmi(dir).rows(THREE_H100).limit(2, "700.00").on("index-of-" + UUID2, "2\n");
        smi = new NvidiaSmi(fake.path().toString(), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofMillis(500), time);
    }

    private NvidiaSmiAcceleratorBoard board(int index, String uuid, double minCapW) {
        return new NvidiaSmiAcceleratorBoard(smi, new BoardSpec("gpu-" + index, "NVIDIA H100 80GB HBM3", index, minCapW,
                700, 70, 87), uuid, Duration.ofSeconds(5), Duration.ofSeconds(10), time);
    }

    private List<NvidiaSmiAcceleratorBoard> threeBoards(double minCapW2) {
        return List.of(board(0, FakeNvidiaSmi.UUID0, 200), board(1, FakeNvidiaSmi.UUID1, 200), board(2, UUID2, minCapW2));
    }

    /** The tool's calls from the {@code from}-th on. */
    private List<String> callsSince(int from) {
        List<String> all = fake.calls();
        return all.subList(from, all.size());
    }

    @Test
    void everyGpuIsShedByOneDashPlForAllOfThemAndOneQueryToReadThemBack() {
        List<NvidiaSmiAcceleratorBoard> gpus = threeBoards(200);
        gpus.get(0).read(); // the backend's first query names the GPUs (as at start)
        int before = fake.calls().size();
        SafeStateGroup group = gpus.get(0).safeStateGroup().orElseThrow();
        assertThat(gpus.get(2).safeStateGroup()).containsSame(group);

        List<CommandResult> results = group.applySafeState(List.of(gpus.get(2), gpus.get(0), gpus.get(1)));

        assertThat(results).allMatch(CommandResult::ok).hasSize(3);
        List<String> calls = callsSince(before);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).isEqualTo("-i 2,0,1 -pl 200.00");
        assertThat(calls.get(1)).startsWith("--query-gpu=");
        for (int n = 0; n < 3; n++) {
            assertThat(fake.limit(n)).isEqualTo("200.00");
        }
        time.advanceS(1);
        assertThat(gpus).allSatisfy(g -> {
            BoardReading r = g.read();
            assertThat(r.state()).isEqualTo(BoardState.DISABLED);
            assertThat(r.faults()).isEmpty(); // the limit read back is the one commanded: nothing re-applied
        });
        assertThat(gpus.get(1).setEnabled(true).ok()).isTrue();
        assertThat(fake.limit(1)).isEqualTo("700.00"); // the cap before the shed comes back on enable
    }

    @Test
    void aGpuTheGroupRunCannotSetIsAFaultAndTheGpusAfterItInTheListAreStillShed() {
        List<NvidiaSmiAcceleratorBoard> gpus = threeBoards(200);
        gpus.get(0).read();
        fake.on("pl-fails-1", "Unable to set power limit for GPU 00000000:1A:00.0: Insufficient Permissions\n");
        int before = fake.calls().size();

        List<CommandResult> results = gpus.get(0).safeStateGroup().orElseThrow().applySafeState(gpus);

        assertThat(results.get(0).ok()).isTrue();
        assertThat(results.get(2).ok()).as("stopped behind GPU 1 by the tool, tried alone").isTrue();
        CommandResult failed = results.get(1);
        assertThat(failed.ok()).isFalse();
        assertThat(failed.fault().code()).isEqualTo(FaultCode.COMMAND_REJECTED);
        assertThat(failed.fault().device()).isEqualTo("gpu-1");
        assertThat(failed.fault().detail()).contains("nvidia-smi -i 0,1,2 -pl 200.00").contains("exited with 4")
                .contains("Insufficient Permissions").contains("alone:");
        assertThat(callsSince(before)).contains("-i 0,1,2 -pl 200.00", "-i " + FakeNvidiaSmi.UUID1 + " -pl 200.00",
                "-i " + UUID2 + " -pl 200.00");
        assertThat(fake.limit(0)).isEqualTo("200.00");
        assertThat(fake.limit(1)).isEqualTo("700.00");
        assertThat(fake.limit(2)).isEqualTo("200.00");
        time.advanceS(1);
        assertThat(gpus.get(1).read().state()).isEqualTo(BoardState.ENABLED);
        assertThat(gpus.get(2).read().state()).isEqualTo(BoardState.DISABLED);
    }

    @Test
    void gpusWithDifferentLowestLimitsGetOneRunEachAndDisabledOnesNone() {
        List<NvidiaSmiAcceleratorBoard> gpus = threeBoards(300);
        gpus.get(0).read();
        assertThat(gpus.get(1).setEnabled(false).ok()).isTrue();
        int before = fake.calls().size();

        List<CommandResult> results = gpus.get(0).safeStateGroup().orElseThrow().applySafeState(gpus);

        assertThat(results).allMatch(CommandResult::ok);
        assertThat(callsSince(before)).filteredOn(c -> c.contains("-pl"))
                .containsExactly("-i 0 -pl 200.00", "-i 2 -pl 300.00");
        assertThat(fake.limit(2)).isEqualTo("300.00");
    }

    @Test
    void aBoardOfAnotherToolIsRefusedInItsResult() {
        List<NvidiaSmiAcceleratorBoard> gpus = threeBoards(200);
        NvidiaSmi other = new NvidiaSmi(fake.path().toString(), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofMillis(500), time);
        NvidiaSmiAcceleratorBoard stranger = new NvidiaSmiAcceleratorBoard(other, gpus.get(2).spec(), UUID2,
                Duration.ofSeconds(5), Duration.ofSeconds(10), time);
        gpus.get(0).read();

        List<CommandResult> results = gpus.get(0).safeStateGroup().orElseThrow()
                .applySafeState(List.of(gpus.get(0), stranger));

        assertThat(results.get(0).ok()).isTrue();
        assertThat(results.get(1).fault().code()).isEqualTo(FaultCode.COMMAND_REJECTED);
        assertThat(fake.limit(2)).isEqualTo("700.00");
    }
}
