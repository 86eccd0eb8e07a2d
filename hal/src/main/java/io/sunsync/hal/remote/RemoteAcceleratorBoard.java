package io.sunsync.hal.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.time.TimeSource;
import java.util.List;
import java.util.Set;

/**
 * The {@code remote} accelerator board: one board of a hardware-in-the-loop server. An
 * unreachable server reads as NaN values with quality FAILED, the last state seen and a
 * {@link FaultCode#SENSOR_IO_ERROR} fault; commands without an answer fail with
 * {@link FaultCode#COMMAND_TIMEOUT}. Threading as {@link RemoteLink}.
 */
public final class RemoteAcceleratorBoard extends RemoteDevice<BoardSpec> implements AcceleratorBoard {
    private volatile BoardState lastState = BoardState.DISABLED;
    private volatile double lastCapW = Double.NaN;

    RemoteAcceleratorBoard(RemoteLink link, BoardSpec spec, TimeSource time) {
        super(link, spec, spec.id(), time);
    }

    @Override
    public BoardReading read() {
        return read("board.read", args(), BoardReading.class, r -> {
            lastState = r.state();
            lastCapW = r.capW();
            return r;
        }, f -> new BoardReading(f.at(), spec().id(), lastState, Double.NaN, lastCapW, Double.NaN, Double.NaN,
                Double.NaN, 0, Set.of(), Quality.FAILED, List.of(f)));
    }

    @Override
    public CommandResult setCap(double capW) {
        if (!(capW >= spec().minCapW() && capW <= spec().maxCapW())) {
            return CommandResult.failure(new HalFault(FaultCode.COMMAND_OUT_OF_RANGE, spec().id(), "setCap",
                    "cap " + capW + " W outside " + spec().minCapW() + ".." + spec().maxCapW() + " W", now()));
        }
        return send("board.setCap", args().put("capW", capW), spec().id());
    }

    @Override
    public CommandResult setEnabled(boolean enabled) {
        return send("board.setEnabled", args().put("enabled", enabled), spec().id());
    }

    @Override
    public CommandResult reset() {
        return send("board.reset", args(), spec().id());
    }

    private ObjectNode args() {
        return RemoteLink.JSON.createObjectNode().put("board", spec().id());
    }
}
