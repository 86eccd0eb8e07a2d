package io.sunsync.hal.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.hal.thermal.ThermalReading;
import io.sunsync.hal.thermal.ThermalSpec;
import io.sunsync.hal.time.TimeSource;
import java.util.List;

/**
 * The {@code remote} thermal control: the loops of a hardware-in-the-loop server. An
 * unreachable server reads as NaN zones with quality FAILED and {@link FaultCode#SENSOR_IO_ERROR};
 * a command that gets no answer fails with {@link FaultCode#COMMAND_TIMEOUT}. Threading as
 * {@link RemoteLink}.
 */
public final class RemoteThermalControl implements ThermalControl {
    private final RemoteLink link;
    private final ThermalSpec spec;
    private final TimeSource time;

    RemoteThermalControl(RemoteLink link, ThermalSpec spec, TimeSource time) {
        this.link = link;
        this.spec = spec;
        this.time = time;
    }

    @Override
    public ThermalSpec spec() {
        return spec;
    }

    @Override
    public ThermalReading read() {
        try {
            return RemoteLink.convert(link.call("thermal.read", null), ThermalReading.class);
        } catch (RemoteException e) {
            HalFault f = new HalFault(FaultCode.SENSOR_IO_ERROR, "thermal", "read", e.getMessage(), time.now());
            return new ThermalReading(time.now(),
                    spec.zones().stream().map(z -> new ThermalReading.ZoneTemperature(z.name(), Double.NaN,
                            Quality.FAILED)).toList(),
                    spec.loops().stream().map(l -> new ThermalReading.LoopState(l, false, false, Double.NaN, false,
                            Double.NaN, Quality.FAILED)).toList(),
                    Quality.FAILED, List.of(f));
        }
    }

    @Override
    public CommandResult setPump(String loop, boolean on) {
        return command("thermal.setPump", loop, on);
    }

    @Override
    public CommandResult setHeater(String loop, boolean on) {
        return command("thermal.setHeater", loop, on);
    }

    private CommandResult command(String op, String loop, boolean on) {
        ObjectNode args = RemoteLink.JSON.createObjectNode().put("loop", loop).put("on", on);
        return RemoteCommands.send(link, op, args, loop, time);
    }
}
