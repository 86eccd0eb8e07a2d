package io.sunsync.flight.fdir;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.sample.HardwareSnapshot;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.power.PowerReading;
import io.sunsync.hal.thermal.ThermalReading;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges the sensors themselves, each tick: reports every fault a backend flags (NaN, out of
 * range, unreadable…) once when it appears and once when it clears; detects a battery gauge
 * stuck while the battery is visibly charging or discharging (the throttler then stops trusting
 * it and flies on its estimate); notices lost array strings and lost battery capacity (the
 * capacity implied by energy over state of charge). Owned by {@link FaultProtection}; control
 * thread only, except {@link #gaugeTrusted()}.
 */
final class SensorHealth {
    /** Samples of an unchanged gauge, while the battery moves more than {@link #MOVING_W}, that mean "stuck". */
    static final int STUCK_SAMPLES = 30;
    static final double MOVING_W = 200;
    /** Capacity loss (fraction of nominal) that is reported. */
    static final double CAPACITY_LOSS_FRACTION = 0.02;
    /** Consecutive samples that must agree before a capacity loss is believed (noise breaks the run). */
    static final int CAPACITY_CONFIRM_SAMPLES = 30;

    private final EventSink events;
    private final double nominalCapacityWh;
    private final Set<String> active = new HashSet<>();
    private final Map<String, Integer> clearCounts = new HashMap<>();
    private double lastEnergyWh = Double.NaN;
    private int unchanged;
    private volatile boolean gaugeTrusted = true;
    private int lastStrings = -1;
    private double reportedCapacityWh;
    private int capacityConfirm;
    private volatile double capacityWh;
    private double lastSocPct = Double.NaN;
    private double lastCapacityEnergyWh = Double.NaN;

    SensorHealth(EventSink events, double nominalCapacityWh) {
        this.events = events;
        this.nominalCapacityWh = nominalCapacityWh;
        this.reportedCapacityWh = nominalCapacityWh;
        this.capacityWh = nominalCapacityWh;
    }

    /** False while the battery gauge is judged stuck. */
    boolean gaugeTrusted() {
        return gaugeTrusted;
    }

    /** Battery capacity as last established, in Wh (nominal until a loss is confirmed). */
    double capacityWh() {
        return capacityWh;
    }

    void judge(Instant now, HardwareSnapshot snap) {
        Set<String> seen = new HashSet<>();
        PowerReading p = snap.power();
        collect(now, p.faults(), seen);
        ThermalReading th = snap.thermal();
        collect(now, th.faults(), seen);
        for (BoardReading b : snap.boards()) {
            collect(now, b.faults(), seen);
        }
        for (String key : Set.copyOf(active)) {
            if (!seen.contains(key)) {
                // Cleared only after it stays away a few samples, so a flickering sensor reports once.
                int n = clearCounts.merge(key, 1, Integer::sum);
                if (n >= 3) {
                    active.remove(key);
                    clearCounts.remove(key);
                    events.emit(new Event(now, Severity.INFO, "fdir", "SENSOR_FAULT_CLEARED", key + " reads again",
                            Map.of("sensor", key)));
                }
            } else {
                clearCounts.remove(key);
            }
        }
        judgeGauge(now, p);
        judgeArray(now, p);
        judgeCapacity(now, p);
    }

    private void collect(Instant now, List<HalFault> faults, Set<String> seen) {
        for (HalFault f : faults) {
            String key = f.device() + "." + f.quantity() + ":" + f.code();
            seen.add(key);
            if (active.add(key)) {
                events.emit(new Event(now, Severity.LOW, "fdir", "SENSOR_FAULT", f.device() + " " + f.quantity() + ": "
                        + f.code() + " (" + f.detail() + ")",
                        Map.of("sensor", key, "device", f.device(), "quantity", f.quantity(), "fault", f.code().name())));
            }
        }
    }

    private void judgeGauge(Instant now, PowerReading p) {
        double e = p.batteryEnergyWh();
        boolean moving = Double.isFinite(p.batteryPowerW()) && Math.abs(p.batteryPowerW()) > MOVING_W;
        if (Double.isFinite(e) && e == lastEnergyWh && moving) {
            unchanged++;
        } else if (!Double.isFinite(e) || e != lastEnergyWh) {
            if (!gaugeTrusted && Double.isFinite(e) && unchanged >= STUCK_SAMPLES) {
                gaugeTrusted = true;
                events.emit(new Event(now, Severity.INFO, "fdir", "SENSOR_FAULT_CLEARED",
                        "battery gauge moves again", Map.of("sensor", "power.batteryEnergyWh:SENSOR_STUCK")));
            }
            unchanged = 0;
        }
        lastEnergyWh = e;
        if (gaugeTrusted && unchanged >= STUCK_SAMPLES) {
            gaugeTrusted = false;
            events.emit(new Event(now, Severity.MEDIUM, "fdir", "SENSOR_STUCK",
                    "battery gauge stuck at " + Math.round(e) + " Wh while the battery moves " + Math.round(p.batteryPowerW())
                            + " W: flying on the estimate",
                    Map.of("sensor", "power.batteryEnergyWh:SENSOR_STUCK", "valueWh", e)));
        }
    }

    private void judgeArray(Instant now, PowerReading p) {
        int strings = p.stringsOnline();
        if (lastStrings >= 0 && strings < lastStrings && p.quality().usable()) {
            events.emit(new Event(now, Severity.MEDIUM, "fdir", "ARRAY_STRINGS_LOST",
                    (lastStrings - strings) + " array strings lost: " + strings + " of " + p.stringsTotal() + " online",
                    Map.of("lost", lastStrings - strings, "online", strings, "total", p.stringsTotal())));
        }
        if (p.quality().usable()) {
            lastStrings = strings;
        }
    }

    private void judgeCapacity(Instant now, PowerReading p) {
        double soc = p.batterySocPct();
        double e = p.batteryEnergyWh();
        // Judge only samples where both gauges moved: a stuck state of charge would fake a loss.
        boolean bothMoved = soc != lastSocPct && e != lastCapacityEnergyWh;
        lastSocPct = soc;
        lastCapacityEnergyWh = e;
        if (!gaugeTrusted || !p.quality().usable() || !(soc > 20) || !Double.isFinite(e) || !bothMoved) {
            capacityConfirm = 0;
            return;
        }
        double implied = p.batteryEnergyWh() / (p.batterySocPct() / 100.0);
        if (implied < reportedCapacityWh * (1 - CAPACITY_LOSS_FRACTION)) {
            if (++capacityConfirm >= CAPACITY_CONFIRM_SAMPLES) {
                events.emit(new Event(now, Severity.MEDIUM, "fdir", "BATTERY_CAPACITY_LOST",
                        String.format("battery capacity down to %.0f Wh (%.1f %% of nominal)", implied,
                                100 * implied / nominalCapacityWh),
                        Map.of("capacityWh", implied, "nominalWh", nominalCapacityWh)));
                reportedCapacityWh = implied;
                capacityWh = implied;
                capacityConfirm = 0;
            }
        } else {
            capacityConfirm = 0;
        }
    }
}
