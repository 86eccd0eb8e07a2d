package io.sunsync.hal.power;

/**
 * Ratings of a power system, fixed for the mission (they change only by configuration).
 *
 * @param ratedArrayW          beginning-of-life array output at 1 AU, normal incidence, 28 °C, in W
 * @param batteryCapacityWh    nameplate battery energy, in Wh (&gt; 0)
 * @param batteryFloorPct      depth-of-discharge floor: state of charge never to go below, in % (0..100)
 * @param maxChargeW           battery charge-rate limit, in W (&gt; 0)
 * @param maxDischargeW        battery discharge-rate limit, in W (&gt; 0)
 * @param nominalBusV          nominal main bus voltage, in V (&gt; 0)
 */
public record PowerSystemSpec(
        double ratedArrayW,
        double batteryCapacityWh,
        double batteryFloorPct,
        double maxChargeW,
        double maxDischargeW,
        double nominalBusV) {

    public PowerSystemSpec {
        requirePositive("ratedArrayW", ratedArrayW);
        requirePositive("batteryCapacityWh", batteryCapacityWh);
        if (!(batteryFloorPct >= 0 && batteryFloorPct < 100)) {
            throw new IllegalArgumentException("batteryFloorPct must be in [0, 100), was " + batteryFloorPct);
        }
        requirePositive("maxChargeW", maxChargeW);
        requirePositive("maxDischargeW", maxDischargeW);
        requirePositive("nominalBusV", nominalBusV);
    }

    /** Battery energy at the depth-of-discharge floor, in Wh. */
    public double batteryFloorWh() {
        return batteryCapacityWh * batteryFloorPct / 100.0;
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, was " + value);
        }
    }
}
