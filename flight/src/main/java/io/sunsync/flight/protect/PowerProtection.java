package io.sunsync.flight.protect;

import io.sunsync.flight.actuate.ShedReport;
import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.sched.Scheduled;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.power.PowerReading;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.power.PowerSystemSpec;
import io.sunsync.hal.time.Seconds;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The fast power-protection path: samples the power system in its own rate group (20 Hz by
 * default), independent of the 1 Hz throttler, and sheds every board to its safe state the moment
 * a sample shows the bus about to be lost - an eclipse nobody announced, a forecast that was late,
 * an array string gone. Three triggers, each from one sample:
 * <ul>
 *   <li>{@link ProtectionTrigger#BATTERY_DISCHARGE}: the battery discharges above
 *       {@code dischargeTripPct} of its rate limit (past it the bus browns out);</li>
 *   <li>{@link ProtectionTrigger#ARRAY_COLLAPSE}: the array is falling (slope fitted over
 *       {@code projectionWindowS}) fast enough that the discharge, extrapolated
 *       {@code projectionS} ahead, would pass that level: the penumbra before a shadow entry
 *       gives seconds of warning this way. A fall the loads themselves caused (the throttler
 *       lowering caps while the array is curtailed makes the delivered array fall with them) is
 *       not counted;</li>
 *   <li>{@link ProtectionTrigger#BUS_UNDERVOLTAGE}: the bus below {@code undervoltageTripPct} of
 *       nominal (the last resort if the battery's power sensor fails).</li>
 * </ul>
 * A trip sheds all boards through the actuator's fast path, tells the throttler to plan no more
 * than the battery alone carries for {@code holdS}, and emits {@code POWER_PROTECTION_TRIP}.
 *
 * <p>Owned by the scheduler thread (its rate group); {@link #stats()} may be read from any thread.
 */
public final class PowerProtection implements Scheduled {
    /** Event source. */
    public static final String SOURCE = "protection";

    private final ProtectionConfig config;
    private final PowerSystem power;
    private final Function<String, ShedReport> shed;
    private final Consumer<Instant> hold;
    private final EventSink events;
    private final double tripW;
    private final double undervoltageV;
    // Ring of recent samples for the slope fit (time in s from the first sample, array W, load W).
    private final double[] ts;
    private final double[] array;
    private final double[] load;
    private int count;
    private int head;
    private Instant origin;
    private Instant lastTrip;
    private long samples;
    private long blind;
    private long trips;
    private long suppressed;
    private volatile ProtectionTrip last;
    private volatile long tripsSeen;

    /**
     * @param shed   drives every board to its safe state (the actuator's {@code shedAll}), given the reason
     * @param hold   told the mission time of a trip (the throttler holds its budget down after it)
     */
    public PowerProtection(ProtectionConfig config, PowerSystem power, Function<String, ShedReport> shed,
                           Consumer<Instant> hold, EventSink events) {
        this.config = config;
        this.power = power;
        this.shed = shed;
        this.hold = hold;
        this.events = events;
        PowerSystemSpec spec = power.spec();
        this.tripW = spec.maxDischargeW() * config.dischargeTripPct() / 100.0;
        this.undervoltageV = spec.nominalBusV() * config.undervoltageTripPct() / 100.0;
        int capacity = (int) Math.ceil(config.projectionWindowS() / config.periodS()) + 2;
        this.ts = new double[capacity];
        this.array = new double[capacity];
        this.load = new double[capacity];
    }

    @Override
    public String name() {
        return "power-protection";
    }

    /** The sample period, in s. */
    public Duration period() {
        return Seconds.of(config.periodS());
    }

    /** The discharge above which it trips, in W. */
    public double tripW() {
        return tripW;
    }

    @Override
    public void tick(Instant now) {
        if (!config.enabled()) {
            return;
        }
        PowerReading p = power.read();
        samples++;
        // A reading the power system flags (out of range, stuck) is no reading: the bus balance stands in
        // for a flagged battery sensor, as for an unreadable one.
        double arrayW = HalFault.trustedOrNaN(p.faults(), "arrayPowerW", p.arrayPowerW());
        double loadW = HalFault.trustedOrNaN(p.faults(), "loadPowerW", p.loadPowerW());
        double batteryW = HalFault.trustedOrNaN(p.faults(), "batteryPowerW", p.batteryPowerW());
        double dischargeW = Double.isFinite(batteryW) ? Math.max(0, -batteryW)
                : Double.isFinite(arrayW) && Double.isFinite(loadW) ? Math.max(0, loadW - arrayW) : Double.NaN;
        double busV = HalFault.trustedOrNaN(p.faults(), "busVoltageV", p.busVoltageV());
        if (Double.isNaN(dischargeW) && !Double.isFinite(busV)) {
            blind++;
            return;
        }
        double slope = Double.NaN;
        double projected = Double.NaN;
        if (Double.isFinite(arrayW) && Double.isFinite(loadW)) {
            remember(now, arrayW, loadW);
            double[] slopes = slopes();
            if (slopes != null && Double.isFinite(dischargeW)) {
                slope = slopes[0];
                // What the array's fall adds to the discharge, less what falling loads take off it;
                // rising loads are the throttler's own plan and are judged by their level alone.
                // The array cannot give less than nothing: what it has left bounds its fall.
                double risingWps = Math.max(0, Math.min(slopes[1], 0) - slopes[0]);
                projected = dischargeW + Math.min(Math.max(0, arrayW), risingWps * config.projectionS());
            }
        }
        ProtectionTrigger trigger = null;
        if (Double.isFinite(dischargeW) && dischargeW > tripW) {
            trigger = ProtectionTrigger.BATTERY_DISCHARGE;
        } else if (Double.isFinite(projected) && projected > tripW) {
            trigger = ProtectionTrigger.ARRAY_COLLAPSE;
        } else if (Double.isFinite(busV) && busV < undervoltageV) {
            trigger = ProtectionTrigger.BUS_UNDERVOLTAGE;
        }
        if (trigger == null) {
            return;
        }
        if (lastTrip != null && Duration.between(lastTrip, now).toNanos() < config.retripS() * 1e9) {
            suppressed++;
            return;
        }
        lastTrip = now;
        ShedReport r = shed.apply("power protection: " + trigger);
        hold.accept(now);
        trips++;
        tripsSeen = trips;
        ProtectionTrip trip = new ProtectionTrip(now, trigger, dischargeW, projected, slope, busV, r.shed(), r.boards(),
                r.elapsedMs());
        last = trip;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("trigger", trigger.name());
        data.put("dischargeW", round(dischargeW));
        data.put("projectedW", round(projected));
        data.put("tripW", round(tripW));
        data.put("arraySlopeWps", round(slope));
        data.put("busV", round(busV));
        data.put("boards", r.boards());
        data.put("shed", r.shed());
        data.put("shedMs", round(r.elapsedMs()));
        events.emit(new Event(now, Severity.HIGH, SOURCE, "POWER_PROTECTION_TRIP",
                "shed " + r.shed() + " of " + r.boards() + " boards: " + trigger, data));
    }

    private static Object round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : null;
    }

    private void remember(Instant now, double arrayW, double loadW) {
        if (origin == null) {
            origin = now;
        }
        double t = Duration.between(origin, now).toNanos() / 1e9;
        if (count == ts.length) {
            head = (head + 1) % ts.length;
            count--;
        }
        int i = (head + count) % ts.length;
        count++;
        ts[i] = t;
        array[i] = arrayW;
        load[i] = loadW;
        // Forget samples older than the window (and any after a gap: a stale slope is no slope).
        while (count > 1 && t - ts[head] > config.projectionWindowS() + 1e-9) {
            head = (head + 1) % ts.length;
            count--;
        }
    }

    /** Least-squares slopes of array and load over the window, in W/s; null with fewer than 3 samples. */
    private double[] slopes() {
        if (count < 3) {
            return null;
        }
        double mt = 0;
        double ma = 0;
        double ml = 0;
        for (int k = 0; k < count; k++) {
            int i = (head + k) % ts.length;
            mt += ts[i];
            ma += array[i];
            ml += load[i];
        }
        mt /= count;
        ma /= count;
        ml /= count;
        double stt = 0;
        double sta = 0;
        double stl = 0;
        for (int k = 0; k < count; k++) {
            int i = (head + k) % ts.length;
            double dt = ts[i] - mt;
            stt += dt * dt;
            sta += dt * (array[i] - ma);
            stl += dt * (load[i] - ml);
        }
        if (stt <= 0) {
            return null;
        }
        return new double[] {sta / stt, stl / stt};
    }

    /**
     * What the fast path has done, for housekeeping (schema: {@code hk.schema.json#/properties/protection}).
     *
     * @param periodS       sample period, in s
     * @param tripW         discharge trip level, in W
     * @param samples       samples taken
     * @param blind         samples with neither battery power nor bus voltage readable
     * @param trips         sheds made
     * @param suppressed    trips not acted on because a shed had just been made
     * @param lastTrigger   what caused the last trip, or null
     * @param lastTripAt    mission time of the last trip, or null
     * @param lastShedBoards boards that reached their safe state in the last trip's shed
     */
    public record Stats(double periodS, double tripW, long samples, long blind, long trips, long suppressed,
                        String lastTrigger, Instant lastTripAt, int lastShedBoards) {
    }

    /** The last trip, or null. */
    public ProtectionTrip lastTrip() {
        return last;
    }

    /** The counters (any thread; counts are those of the last tick). */
    public Stats stats() {
        ProtectionTrip t = last;
        return new Stats(config.periodS(), tripW, samples, blind, tripsSeen, suppressed,
                t == null ? null : t.trigger().name(), t == null ? null : t.at(), t == null ? 0 : t.boardsShed());
    }
}
