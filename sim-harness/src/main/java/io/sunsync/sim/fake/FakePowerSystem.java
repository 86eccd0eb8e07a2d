package io.sunsync.sim.fake;

import io.sunsync.hal.power.PowerReading;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.power.PowerSystemSpec;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A power system whose every reading the caller supplies (a lambda over the test's own fields):
 * no physics, no clock, no I/O. Thread safe if the supplier is.
 */
public final class FakePowerSystem implements PowerSystem {
    /**
     * The reference satellite's power system: 100 kW array, 20 kWh battery with a 35 % floor,
     * 20 kW charge and 60 kW discharge at most, 120 V bus.
     */
    public static final PowerSystemSpec REFERENCE_SPEC = new PowerSystemSpec(100_000, 20_000, 35, 20_000, 60_000, 120);

    private final PowerSystemSpec spec;
    private final Supplier<PowerReading> reading;

    /**
     * @param spec    what {@link #spec()} returns
     * @param reading called for each {@link #read()}
     */
    public FakePowerSystem(PowerSystemSpec spec, Supplier<PowerReading> reading) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.reading = Objects.requireNonNull(reading, "reading");
    }

    @Override
    public PowerSystemSpec spec() {
        return spec;
    }

    @Override
    public PowerReading read() {
        return reading.get();
    }
}
