package io.sunsync.hal.power;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.sysfs.Quantity;
import io.sunsync.hal.sysfs.ReadingFaults;
import io.sunsync.hal.sysfs.Sample;
import io.sunsync.hal.sysfs.StuckMonitor;
import io.sunsync.hal.sysfs.SysfsRef;
import io.sunsync.hal.sysfs.SysfsSensor;
import io.sunsync.hal.sysfs.SysfsTree;
import io.sunsync.hal.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code sysfs} power system: the battery, the array strings and the bus of a Linux board,
 * read from {@code /sys/class/power_supply} and {@code /sys/class/hwmon} (see
 * {@link SysfsPowerOptions} for which is which). Every bad reading becomes a fault on the
 * {@link PowerReading}; {@link #read()} never throws.
 *
 * <p>What sysfs cannot say: the power the array <em>could</em> deliver at its maximum power point
 * ({@code arrayAvailableW} is reported equal to {@code arrayPowerW}); the load is measured where
 * a sensor is configured, otherwise derived as array power − battery power.
 *
 * <p>Threading: called from the flight control loop only (the stuck-value monitor keeps state).
 */
public final class SysfsPowerSystem implements PowerSystem {
    static final String DEVICE = "power";
    private static final Quantity ARRAY = Quantity.plain("arrayPowerW", "W", -1e6, 1e6);

    private final SysfsTree tree;
    private final SysfsPowerOptions options;
    private final TimeSource time;
    private final SysfsPowerSupply battery;
    private final List<Source> strings = new ArrayList<>();
    private final Source bus;
    private final Source load;
    private final StuckMonitor stuck;
    private final PowerSystemSpec spec;

    /** A power or voltage source: a whole power supply, or one sensor. */
    private record Source(String label, SysfsPowerSupply supply, SysfsSensor sensor) {
    }

    /**
     * @throws ConfigException when the ratings cannot be completed (no battery capacity configured
     *                         and none readable)
     */
    public SysfsPowerSystem(SysfsTree tree, SysfsPowerOptions options, TimeSource time) {
        this.tree = Objects.requireNonNull(tree, "tree");
        this.options = Objects.requireNonNull(options, "options");
        this.time = Objects.requireNonNull(time, "time");
        this.battery = new SysfsPowerSupply(options.battery(), options.sign());
        List<SysfsRef> refs = options.arrayRefs();
        for (int i = 0; i < refs.size(); i++) {
            strings.add(source(refs.get(i), SysfsSensor.Role.POWER, "array[" + i + "]", -1e6, 1e6));
        }
        this.bus = options.bus() == null ? null
                : source(SysfsRef.parse(options.bus(), "bus"), SysfsSensor.Role.VOLTAGE, "bus", 0, 2000);
        this.load = options.load() == null ? null
                : source(SysfsRef.parse(options.load(), "load"), SysfsSensor.Role.POWER, "load", -1e6, 1e6);
        this.stuck = new StuckMonitor(Duration.ofMillis(Math.round(options.stuckLimitS() * 1000)));
        this.spec = spec(options.ratings());
    }

    private Source source(SysfsRef ref, SysfsSensor.Role role, String key, double min, double max) {
        if (ref.kind() == SysfsRef.Kind.SUPPLY && ref.attribute().isEmpty()) {
            return new Source(ref.toString(), new SysfsPowerSupply(ref.device(), SysfsPowerSupply.CurrentSign.KERNEL), null);
        }
        return new Source(ref.toString(), null, new SysfsSensor(ref, role, key, min, max, "options." + key));
    }

    private PowerSystemSpec spec(SysfsPowerOptions.Ratings r) {
        Double capacity = r.batteryCapacityWh();
        if (capacity == null) {
            Sample design = Quantity.microwattHours("energy_full_design", 0, 1e7)
                    .parse(tree.read(tree.resolve("class/power_supply").resolve(battery.name()), "energy_full_design"));
            Sample full = battery.read(tree).energyFullWh();
            Sample use = design.good() && design.value() > 0 ? design : full;
            if (!use.good() || !(use.value() > 0)) {
                throw new ConfigException("options.ratings.batteryCapacityWh", "is required: battery " + battery.name()
                        + " reports neither energy_full_design nor energy_full (" + use.detail() + ")");
            }
            capacity = use.value();
        }
        return new PowerSystemSpec(r.ratedArrayW(), capacity, r.batteryFloorPct(), r.maxChargeW(), r.maxDischargeW(),
                r.nominalBusV());
    }

    @Override
    public PowerSystemSpec spec() {
        return spec;
    }

    @Override
    public PowerReading read() {
        return ReadingFaults.guarded(time.now(), DEVICE, f -> sample(f.at(), f),
                f -> new PowerReading(f.at(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, false, 0, strings.size(), f.quality(), f.faults()));
    }

    private PowerReading sample(Instant now, ReadingFaults faults) {
        SysfsPowerSupply.Snapshot bat = battery.read(tree);
        double batteryPowerW = faults.take(DEVICE, "batteryPowerW", checked("batteryPowerW", bat.powerW(), now));
        double batteryEnergyWh = faults.take(DEVICE, "batteryEnergyWh", bat.energyWh());
        double batterySocPct = faults.take(DEVICE, "batterySocPct", bat.capacityPct());

        double arrayW = 0;
        int readable = 0;
        int online = 0;
        for (int i = 0; i < strings.size(); i++) {
            Source s = strings.get(i);
            String name = "array[" + i + "]";
            Sample p;
            boolean connected = true;
            if (s.supply() != null) {
                SysfsPowerSupply.Snapshot snap = s.supply().read(tree);
                p = snap.powerW();
                connected = snap.online() == null || snap.online() != 0;
            } else {
                p = s.sensor().read(tree);
            }
            double w = faults.take(DEVICE, name, checked(name, p, now));
            if (p.usable()) {
                arrayW += w;
                readable++;
                if (connected && w > options.sunlitAboveW()) {
                    online++;
                }
            }
        }
        double arrayPowerW = readable == 0 ? Double.NaN : arrayW;

        double busVoltageV;
        if (bus == null) {
            busVoltageV = faults.take(DEVICE, "busVoltageV", checked("busVoltageV", bat.voltageV(), now));
        } else {
            Sample v = bus.supply() != null ? bus.supply().read(tree).voltageV() : bus.sensor().read(tree);
            busVoltageV = faults.take(DEVICE, "busVoltageV", checked("busVoltageV", v, now));
        }

        double loadPowerW;
        if (load == null) {
            loadPowerW = Double.isFinite(arrayPowerW) && Double.isFinite(batteryPowerW)
                    ? arrayPowerW - batteryPowerW : Double.NaN;
        } else {
            Sample l = load.supply() != null ? load.supply().read(tree).powerW() : load.sensor().read(tree);
            loadPowerW = faults.take(DEVICE, "loadPowerW", checked("loadPowerW", l, now));
        }
        if (Double.isFinite(arrayPowerW)) {
            faults.take(DEVICE, "arrayPowerW", ARRAY.check(arrayPowerW, "sum of array strings"));
        }
        return new PowerReading(now, arrayPowerW, arrayPowerW, busVoltageV, loadPowerW, batteryPowerW,
                batteryEnergyWh, batterySocPct, online > 0, online, strings.size(), faults.quality(), faults.faults());
    }

    private Sample checked(String key, Sample s, Instant now) {
        // Exactly zero is a legitimate steady value (eclipse, a full battery at rest): never "stuck".
        return s.good() && s.value() == 0.0 ? s : stuck.check(key, s, now);
    }
}
