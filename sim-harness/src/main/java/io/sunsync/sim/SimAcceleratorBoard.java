package io.sunsync.sim;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.accel.BoardState;
import java.util.List;
import java.util.Set;

/** The {@code sim} accelerator board: a view of one board of the {@link SimSatellite}. */
public final class SimAcceleratorBoard implements AcceleratorBoard {
    private final SimSatellite satellite;
    private final SimBoardState board;
    private final BoardSpec spec;

    SimAcceleratorBoard(SimSatellite satellite, SimBoardState board) {
        this.satellite = satellite;
        this.board = board;
        this.spec = new BoardSpec(board.id, "sim accelerator 1 kW", board.index, SimBoardState.MIN_CAP_W,
                SimBoardState.MAX_CAP_W, SimBoardState.IDLE_W, 83.0);
    }

    @Override
    public BoardSpec spec() {
        return spec;
    }

    @Override
    public BoardReading read() {
        return new BoardReading(satellite.now(), board.id, board.enabled ? BoardState.ENABLED : BoardState.DISABLED,
                board.powerW(), board.capW, board.tempC(), board.enabled ? 100.0 : 0.0, board.workUnits, 0,
                Set.of(), Quality.GOOD, List.of());
    }

    @Override
    public CommandResult setCap(double capW) {
        if (!(capW >= spec.minCapW() && capW <= spec.maxCapW())) {
            return CommandResult.failure(new HalFault(FaultCode.COMMAND_OUT_OF_RANGE, board.id, "setCap",
                    "cap " + capW + " W outside " + spec.minCapW() + ".." + spec.maxCapW() + " W", satellite.now()));
        }
        board.capW = capW;
        return CommandResult.success();
    }

    @Override
    public CommandResult setEnabled(boolean enabled) {
        board.enabled = enabled;
        return CommandResult.success();
    }

    @Override
    public CommandResult reset() {
        board.enabled = true;
        return CommandResult.success();
    }
}
