package io.sunsync.hal.remote;

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
public final class RemoteAcceleratorBoard implements AcceleratorBoard {
    private final RemoteLink link;
    private final BoardSpec spec;
    private final TimeSource time;
    private volatile BoardState lastState = BoardState.DISABLED;
    private volatile double lastCapW = Double.NaN;

    RemoteAcceleratorBoard(RemoteLink link, BoardSpec spec, TimeSource time) {
        this.link = link;
        this.spec = spec;
        this.time = time;
    }

    @Override
    public BoardSpec spec() {
        return spec;
    }

    @Override
    public BoardReading read() {
        try {
            BoardReading r = RemoteLink.convert(link.call("board.read", args()), BoardReading.class);
            lastState = r.state();
            lastCapW = r.capW();
            return r;
        } catch (RemoteException e) {
            HalFault f = new HalFault(FaultCode.SENSOR_IO_ERROR, spec.id(), "read", e.getMessage(), time.now());
            return new BoardReading(time.now(), spec.id(), lastState, Double.NaN, lastCapW, Double.NaN, Double.NaN,
                    Double.NaN, 0, Set.of(), Quality.FAILED, List.of(f));
        }
    }

    @Override
    public CommandResult setCap(double capW) {
        if (!(capW >= spec.minCapW() && capW <= spec.maxCapW())) {
            return CommandResult.failure(new HalFault(FaultCode.COMMAND_OUT_OF_RANGE, spec.id(), "setCap",
                    "cap " + capW + " W outside " + spec.minCapW() + ".." + spec.maxCapW() + " W", time.now()));
        }
        return RemoteCommands.send(link, "board.setCap", args().put("capW", capW), spec.id(), time);
    }

    @Override
    public CommandResult setEnabled(boolean enabled) {
        return RemoteCommands.send(link, "board.setEnabled", args().put("enabled", enabled), spec.id(), time);
    }

    @Override
    public CommandResult reset() {
        return RemoteCommands.send(link, "board.reset", args(), spec.id(), time);
    }

    private com.fasterxml.jackson.databind.node.ObjectNode args() {
        return RemoteLink.JSON.createObjectNode().put("board", spec.id());
    }
}
