package io.sunsync.sim;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.accel.SafeStateGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code sim} boards' group shed, where the scenario's actuation has one
 * ({@code actuation.groupSafeState}: the {@code nvidia-smi} preset, one {@code nvidia-smi -i 0,1,… -pl W}
 * for every GPU): the boards given are switched off by one command of the model's tool
 * ({@link io.sunsync.sim.accel.BoardBank#switchOffTogether}), in force when the actuation says. Each
 * board's result is what its own {@code setEnabled(false)} answers: a failed board is refused
 * ({@link FaultCode#DEVICE_OFFLINE}) and left out of the command. Thread safe (locks the model).
 */
final class SimSafeStateGroup implements SafeStateGroup {
    private final SimSatellite satellite;

    SimSafeStateGroup(SimSatellite satellite) {
        this.satellite = satellite;
    }

    @Override
    public List<CommandResult> applySafeState(List<? extends AcceleratorBoard> boards) {
        synchronized (satellite) {
            List<CommandResult> out = new ArrayList<>(boards.size());
            List<Integer> off = new ArrayList<>(boards.size());
            Set<Integer> seen = new HashSet<>();
            for (AcceleratorBoard b : boards) {
                if (!(b instanceof SimAcceleratorBoard s) || s.satellite() != satellite || !seen.add(s.index())) {
                    out.add(CommandResult.failure(new HalFault(FaultCode.COMMAND_REJECTED, b.spec().id(), "applySafeState",
                            "not a board of this simulated satellite (or listed twice)", satellite.now())));
                } else if (satellite.boardBank().state(s.index()) == BoardState.FAILED) {
                    out.add(s.failedBoard());
                } else {
                    off.add(s.index());
                    out.add(CommandResult.success());
                }
            }
            satellite.boardBank().switchOffTogether(off.stream().mapToInt(Integer::intValue).toArray(), satellite.tS());
            return out;
        }
    }
}
