package io.sunsync.sim;

import io.sunsync.hal.Quality;
import io.sunsync.hal.power.PowerReading;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.power.PowerSystemSpec;
import java.util.List;

/** The {@code sim} power system: a view of the {@link SimSatellite}'s array, battery and bus. */
public final class SimPowerSystem implements PowerSystem {
    private final SimSatellite satellite;
    private final PowerSystemSpec spec;

    public SimPowerSystem(SimSatellite satellite) {
        this.satellite = satellite;
        this.spec = new PowerSystemSpec(satellite.ratedArrayW(), satellite.batteryCapacityWh(), 35.0, 10_000,
                60_000, 120.0);
    }

    @Override
    public PowerSystemSpec spec() {
        return spec;
    }

    @Override
    public PowerReading read() {
        double energy = satellite.batteryEnergyWh();
        return new PowerReading(satellite.now(), satellite.arrayAvailableW(), satellite.arrayPowerW(), 120.0,
                satellite.loadPowerW(), satellite.batteryPowerW(), energy,
                100.0 * energy / satellite.batteryCapacityWh(), satellite.sunlit(), 1, 1, Quality.GOOD, List.of());
    }
}
