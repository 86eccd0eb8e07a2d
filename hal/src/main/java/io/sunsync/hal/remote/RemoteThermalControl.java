package io.sunsync.hal.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
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
public final class RemoteThermalControl extends RemoteDevice<ThermalSpec> implements ThermalControl {
    RemoteThermalControl(RemoteLink link, ThermalSpec spec, TimeSource time) {
        super(link, spec, "thermal", time);
    }

    @Override
    public ThermalReading read() {
        return read("thermal.read", null, ThermalReading.class, r -> r, f -> new ThermalReading(f.at(),
                spec().zones().stream().map(z -> new ThermalReading.ZoneTemperature(z.name(), Double.NaN,
                        Quality.FAILED)).toList(),
                spec().loops().stream().map(l -> new ThermalReading.LoopState(l, false, false, Double.NaN, false,
                        Double.NaN, Quality.FAILED)).toList(),
                Quality.FAILED, List.of(f)));
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
        return send(op, args, loop);
    }
}
