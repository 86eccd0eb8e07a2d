package io.sunsync.flight.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardState;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HardwareSnapshotTest {
    private static final Instant T = Instant.parse("2027-06-21T20:48:00Z");

    private static BoardReading board(String id, double powerW, List<HalFault> faults) {
        return board(id, BoardState.DISABLED, powerW, faults);
    }

    private static BoardReading board(String id, BoardState state, double powerW, List<HalFault> faults) {
        return new BoardReading(T, id, state, powerW, 400, 31, 0, 0, 0, Set.of(),
                faults.isEmpty() ? Quality.GOOD : Quality.OUT_OF_RANGE, faults);
    }

    @Test
    void aBoardPowerReadingFlaggedOutOfRangeAddsNothingToTheBoardsDraw() {
        // cascading-faults: board-89's power sensor read -1 MW through an eclipse, flagged as such;
        // summed in, it set the discharge-rate ceiling to 0 and took every board off.
        HalFault outOfRange = new HalFault(FaultCode.SENSOR_OUT_OF_RANGE, "board-89", "powerW",
                "powerW = -1000000.0 outside its physical range [0.0, 3000.0]", T);
        HalFault ecc = new HalFault(FaultCode.DEVICE_ERROR, "board-88", "eccUncorrected", "1 uncorrectable", T);
        HardwareSnapshot snap = new HardwareSnapshot(T, null, null, List.of(board("board-87", 90, List.of()),
                board("board-88", 85, List.of(ecc)), board("board-89", -1_000_000, List.of(outOfRange)),
                board("board-90", Double.NaN, List.of())));

        assertThat(snap.boardsPowerW()).isEqualTo(175.0);
    }

    @Test
    void aBoardOnWhosePowerReadingIsStuckOrUnreadableCountsAtItsCap() {
        // Left out of the sum, its draw came off the boards' budget at every tick of the discharge-rate
        // loop while it stayed flagged.
        HalFault stuck = new HalFault(FaultCode.SENSOR_STUCK, "board-01", "powerW", "powerW has not changed", T);
        HardwareSnapshot snap = new HardwareSnapshot(T, null, null, List.of(
                board("board-00", BoardState.ENABLED, 395, List.of()),
                board("board-01", BoardState.ENABLED, 612, List.of(stuck)),
                board("board-02", BoardState.ENABLED, Double.NaN, List.of()),
                board("board-03", BoardState.DISABLED, Double.NaN, List.of())));

        assertThat(snap.boardsPowerW()).isEqualTo(395.0 + 400 + 400);
    }
}
