package io.sunsync.sim;

import io.sunsync.hal.power.PowerReading;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.power.PowerSystemSpec;
import io.sunsync.sim.fault.Sensed;
import io.sunsync.sim.fault.SensorFaults;
import io.sunsync.sim.power.ElectricalPowerSystem;
import io.sunsync.sim.scenario.Scenario;
import java.time.Instant;

/**
 * The {@code sim} power system: a view of the {@link SimSatellite}'s array, battery and bus.
 * Readings are the model's state after its last step, seen through the sensors (which may be
 * faulty); values outside their physical range are flagged as a real backend would.
 * Thread safe (locks the model).
 */
public final class SimPowerSystem implements PowerSystem {
    private final SimSatellite satellite;
    private final PowerSystemSpec spec;

    SimPowerSystem(SimSatellite satellite) {
        this.satellite = satellite;
        Scenario sc = satellite.scenario();
        Scenario.Battery b = sc.battery();
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
            Instant at = satellite.now();
            double tS = satellite.tS();
            SensorFaults sf = satellite.sensors();
            Sensed s = new Sensed("power", at);
            double ratedW = spec.ratedArrayW();
            double avail = s.check("arrayAvailableW", sf.read("power.arrayAvailableW", eps.availableW(), tS, s), 0,
                    2 * ratedW);
            double array = s.check("arrayPowerW", sf.read("power.arrayPowerW", eps.deliveredW(), tS, s), 0, 2 * ratedW);
            double busV = s.check("busVoltageV", sf.read("power.busVoltageV", eps.busV(), tS, s), 0,
                    2 * spec.nominalBusV());
            double load = s.check("loadPowerW", sf.read("power.loadPowerW", eps.loadW(), tS, s), 0, 4 * ratedW);
            double batt = s.check("batteryPowerW", sf.read("power.batteryPowerW", eps.batteryW(), tS, s),
                    -2 * spec.maxDischargeW(), 2 * spec.maxChargeW());
            double energy = s.check("batteryEnergyWh", sf.read("power.batteryEnergyWh", eps.energyWh(), tS, s), 0,
                    1.05 * spec.batteryCapacityWh());
            double soc = s.check("batterySocPct", sf.read("power.batterySocPct", eps.socPct(), tS, s), 0, 100);
            int total = satellite.scenario().array().strings();
            return new PowerReading(at, avail, array, busV, load, batt, energy, soc, satellite.sunlit(),
                    satellite.stringsOnline(), total, s.quality(), s.faults());
        }
    }
}
