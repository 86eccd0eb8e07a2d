package io.sunsync.sim;

import io.sunsync.hal.power.PowerReading;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.power.PowerSystemSpec;
import io.sunsync.sim.fault.Sensed;
import io.sunsync.sim.power.ElectricalPowerSystem;
import io.sunsync.sim.sensor.BatteryGauge;
import io.sunsync.sim.scenario.Scenario;
import java.time.Instant;

/**
 * The {@code sim} power system: a view of the {@link SimSatellite}'s array, battery and bus.
 * Readings are the model's state after its last step, seen through the sensors (noise, bias,
 * faults); the battery's energy and state of charge are its gauge's ({@link BatteryGauge}), not the
 * truth. Values outside their physical range are flagged as a real backend would.
 * Thread safe (locks the model).
 */
public final class SimPowerSystem implements PowerSystem {
    /** Below a true zero, a power sensor may read this fraction of the array's rating before it is out of range. */
    static final double ZERO_TOLERANCE = 0.01;
    private final SimSatellite satellite;
    private final PowerSystemSpec spec;
    private final boolean delivered;

    SimPowerSystem(SimSatellite satellite) {
        this.satellite = satellite;
        Scenario sc = satellite.scenario();
        Scenario.Battery b = sc.battery();
        this.delivered = sc.sensors().arrayReadsDelivered();
        this.spec = new PowerSystemSpec(satellite.array().ratedW(), b.capacityWh(), b.floorPct(), b.maxChargeW(),
                b.maxDischargeW(), sc.bus().nominalV());
    }

    @Override
    public PowerSystemSpec spec() {
        return spec;
    }

    @Override
    public PowerReading read() {
        synchronized (satellite) {
            ElectricalPowerSystem eps = satellite.eps();
            BatteryGauge gauge = satellite.gauge();
            Instant at = satellite.now();
            Sensed s = new Sensed("power", at);
            double ratedW = spec.ratedArrayW();
            // A healthy current transducer reads a little either side of a true zero (noise, offset): what
            // is out of range is well beyond that.
            double zero = -ZERO_TOLERANCE * ratedW;
            // A real array sensor sees what flows: while the shunt curtails the array, the delivered power.
            double avail = s.check("arrayAvailableW", delivered
                    ? satellite.senseAs("power.arrayAvailableW", "power.arrayPowerW", eps.deliveredW(), s)
                    : satellite.sense("power.arrayAvailableW", eps.availableW(), s), zero, 2 * ratedW);
            double array = s.check("arrayPowerW", satellite.sense("power.arrayPowerW", eps.deliveredW(), s), zero,
                    2 * ratedW);
            double busV = s.check("busVoltageV", satellite.sense("power.busVoltageV", eps.busV(), s), 0,
                    2 * spec.nominalBusV());
            double load = s.check("loadPowerW", satellite.sense("power.loadPowerW", eps.loadW(), s), zero, 4 * ratedW);
            double batt = s.check("batteryPowerW", satellite.sense("power.batteryPowerW", eps.batteryW(), s),
                    -2 * spec.maxDischargeW(), 2 * spec.maxChargeW());
            double energy = s.check("batteryEnergyWh", satellite.sense("power.batteryEnergyWh", gauge.energyWh(), s), 0,
                    1.5 * spec.batteryCapacityWh());
            double soc = s.check("batterySocPct", satellite.sense("power.batterySocPct", gauge.socPct(), s), 0, 100);
            int total = satellite.scenario().array().strings();
            return new PowerReading(at, avail, array, busV, load, batt, energy, soc, satellite.sunlit(),
                    satellite.stringsOnline(), total, s.quality(), s.faults());
        }
    }
}
