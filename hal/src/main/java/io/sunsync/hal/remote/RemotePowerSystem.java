package io.sunsync.hal.remote;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
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
public final class RemotePowerSystem implements PowerSystem {
    private final RemoteLink link;
    private final PowerSystemSpec spec;
    private final TimeSource time;

    RemotePowerSystem(RemoteLink link, PowerSystemSpec spec, TimeSource time) {
        this.link = link;
        this.spec = spec;
        this.time = time;
    }

    @Override
    public PowerSystemSpec spec() {
        return spec;
    }

    @Override
    public PowerReading read() {
        try {
            return RemoteLink.convert(link.call("power.read", null), PowerReading.class);
        } catch (RemoteException e) {
            HalFault f = new HalFault(FaultCode.SENSOR_IO_ERROR, "power", "read", e.getMessage(), time.now());
            return new PowerReading(time.now(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, false, 0, 0, Quality.FAILED, List.of(f));
        }
    }
}
