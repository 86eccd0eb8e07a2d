package io.sunsync.flight.sample;

import io.sunsync.hal.HalFault;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardState;
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

    /**
     * Sum of the boards' measured power, in W. A board whose power reading is unreadable or flagged
     * (stuck, out of range) counts at the cap it reports while it is on, what it was told to draw,
     * and as nothing while off. Not as nothing while on: housekeeping is the bus load less this sum,
     * and the discharge-rate loop gives the boards what they draw plus the headroom, so a board left
     * out would count as housekeeping, or its draw come off the budget, while it stays flagged; and
     * not as the flagged value (a sensor reading -1 MW held every board off through an eclipse).
     */
    public double boardsPowerW() {
        double sum = 0;
        for (BoardReading b : boards) {
            double w = b.trustedPowerW();
            if (!Double.isFinite(w) && b.state() == BoardState.ENABLED) {
                w = HalFault.trustedOrNaN(b.faults(), "capW", b.capW());
            }
            if (Double.isFinite(w)) {
                sum += w;
            }
        }
        return sum;
    }
}
