package io.sunsync.hal.remote;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.Quality;
import io.sunsync.hal.power.PowerReading;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.power.PowerSystemSpec;
import io.sunsync.hal.time.TimeSource;
import java.util.List;

/**
 * The {@code remote} power system: the power system of a hardware-in-the-loop server. When
 * the server cannot be reached the reading carries NaN values, quality FAILED and a
 * {@link FaultCode#SENSOR_IO_ERROR} fault. Threading as {@link RemoteLink}.
 */
public final class RemotePowerSystem extends RemoteDevice<PowerSystemSpec> implements PowerSystem {
    RemotePowerSystem(RemoteLink link, PowerSystemSpec spec, TimeSource time) {
        super(link, spec, "power", time);
    }

    @Override
    public PowerReading read() {
        return read("power.read", null, PowerReading.class, r -> r,
                f -> new PowerReading(f.at(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, false, 0, 0, Quality.FAILED, List.of(f)));
    }
}
