package io.sunsync.sim;

import io.sunsync.sim.accel.BoardBank;
import io.sunsync.sim.power.ElectricalPowerSystem;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.thermal.ThermalNetwork;

/**
 * The value behind each sensor key (see {@link Scenario#sensorKeys}): the truth, except for the
 * battery gauge's energy and state of charge, which are its count (a gauge has no other truth to
 * give). Called with the model's monitor held.
 */
final class SimSensors {
    private SimSensors() {
    }

    static double truth(SimSatellite sat, String key) {
        ElectricalPowerSystem eps = sat.eps();
        switch (key) {
            case "power.arrayAvailableW":
                return sat.scenario().sensors().arrayReadsDelivered() ? eps.deliveredW() : eps.availableW();
            case "power.arrayPowerW":
                return eps.deliveredW();
            case "power.busVoltageV":
                return eps.busV();
            case "power.loadPowerW":
                return eps.loadW();
            case "power.batteryPowerW":
                return eps.batteryW();
            case "power.batteryEnergyWh":
                return sat.gauge().energyWh();
            case "power.batterySocPct":
                return sat.gauge().socPct();
            default:
                break;
        }
        ThermalNetwork th = sat.thermalNetwork();
        for (int l = 0; l < th.loops(); l++) {
            if (key.equals("thermal." + Scenario.coldPlateZone(l))) {
                return th.fluidC(l);
            }
            if (key.equals("thermal." + Scenario.loopName(l) + ".radiatorTempC")) {
                return th.radiatorC(l);
            }
            if (key.equals("thermal." + Scenario.loopName(l) + ".flowLpm")) {
                return th.flowLpm(l);
            }
        }
        BoardBank b = sat.boardBank();
        int dot = key.indexOf('.');
        if (dot > 0) {
            int i = Scenario.boardIndex(key.substring(0, dot), b.count());
            if (i >= 0) {
                return key.endsWith(".tempC") ? b.tempC(i) : b.drawW(i);
            }
        }
        throw new IllegalArgumentException("unknown sensor key " + key);
    }
}
