package io.sunsync.flight.sample;

import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.power.PowerReading;
import io.sunsync.hal.thermal.ThermalReading;
import java.time.Instant;
import java.util.List;

/**
 * Every hardware reading of one control tick.
 *
 * @param t       mission time of the tick
 * @param power   the power system
 * @param thermal the thermal hardware
 * @param boards  every board, in the hardware's board order
 */
public record HardwareSnapshot(Instant t, PowerReading power, ThermalReading thermal, List<BoardReading> boards) {
    public HardwareSnapshot {
        boards = List.copyOf(boards);
    }

    /** Sum of the boards' measured power, in W (unreadable or flagged values count as 0). */
    public double boardsPowerW() {
        double sum = 0;
        for (BoardReading b : boards) {
            double w = b.trustedPowerW();
            if (Double.isFinite(w)) {
                sum += w;
            }
        }
        return sum;
    }
}
