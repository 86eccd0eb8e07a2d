package io.sunsync.hal.thermal;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.sysfs.Quantity;
import io.sunsync.hal.sysfs.ReadingFaults;
import io.sunsync.hal.sysfs.Sample;
import io.sunsync.hal.sysfs.StuckMonitor;
import io.sunsync.hal.sysfs.SysfsRef;
import io.sunsync.hal.sysfs.SysfsSensor;
import io.sunsync.hal.sysfs.SysfsSwitch;
import io.sunsync.hal.sysfs.SysfsTree;
import io.sunsync.hal.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code sysfs} thermal control: zone temperatures from thermal zones and hwmon sensors,
 * pumped loops driven through hwmon PWM outputs, cooling devices or switch files, with pump
 * speed from hwmon tachometers (see {@link SysfsThermalOptions}). Readings never throw; commands
 * are verified by reading back.
 *
 * <p>Zone limits ({@link ThermalSpec.ZoneSpec#maxC()}) come from the config, else from the
 * zone's lowest {@code hot}/{@code critical} trip point (or hwmon {@code tempN_max}/{@code tempN_crit}),
 * read once at start.
 *
 * <p>Threading: called from the flight control loop only.
 */
public final class SysfsThermalControl implements ThermalControl {
    private static final Quantity LIMIT = Quantity.millidegrees("limitC", -200, 300);

    private final SysfsTree tree;
    private final TimeSource time;
    private final Map<String, SysfsSensor> zones = new LinkedHashMap<>();
    private final Map<String, Loop> loops = new LinkedHashMap<>();
    private final StuckMonitor stuck;
    private final ThermalSpec spec;

    private record Loop(String name, SysfsSwitch pump, SysfsSensor tach, double minRpm, Double flowLpmPerRpm,
                        SysfsSensor radiator, SysfsSwitch heater) {
    }

    /**
     * @throws io.sunsync.hal.config.ConfigException when a reference cannot serve its role
     */
    public SysfsThermalControl(SysfsTree tree, SysfsThermalOptions options, TimeSource time) {
        this.tree = Objects.requireNonNull(tree, "tree");
        this.time = Objects.requireNonNull(time, "time");
        this.stuck = new StuckMonitor(Duration.ofMillis(Math.round(options.stuckLimitS() * 1000)));
        List<ThermalSpec.ZoneSpec> zoneSpecs = new ArrayList<>();
        if (options.zones().isEmpty()) {
            Map<String, Integer> seen = new HashMap<>();
            for (Path dir : SysfsThermalZone.zones(tree)) {
                SysfsThermalZone.Snapshot z = SysfsThermalZone.read(tree, dir);
                String base = z.type().isEmpty() ? z.name() : z.type();
                int n = seen.merge(base, 1, Integer::sum);
                String name = n == 1 ? base : base + "-" + n;
                SysfsRef ref = SysfsRef.parse("zone:" + z.name(), "options.zones");
                zones.put(name, new SysfsSensor(ref, SysfsSensor.Role.TEMPERATURE, "tempC", -200, 300, "options.zones"));
                double max = z.lowestLimitC();
                zoneSpecs.add(new ThermalSpec.ZoneSpec(name, options.defaultMinC(),
                        Double.isNaN(max) || !(max > options.defaultMinC()) ? options.defaultMaxC() : max));
            }
        } else {
            for (int i = 0; i < options.zones().size(); i++) {
                SysfsThermalOptions.Zone z = options.zones().get(i);
                String key = "options.zones[" + i + "].sensor";
                SysfsSensor sensor = new SysfsSensor(SysfsRef.parse(z.sensor(), key), SysfsSensor.Role.TEMPERATURE,
                        "tempC", -200, 300, key);
                zones.put(z.name(), sensor);
                double min = z.minC() != null ? z.minC() : options.defaultMinC();
                double max = z.maxC() != null ? z.maxC() : limitFromHardware(sensor);
                if (Double.isNaN(max) || !(max > min)) {
                    max = options.defaultMaxC() > min ? options.defaultMaxC() : min + 1;
                }
                zoneSpecs.add(new ThermalSpec.ZoneSpec(z.name(), min, max));
            }
        }
        for (int i = 0; i < options.loops().size(); i++) {
            SysfsThermalOptions.Loop l = options.loops().get(i);
            String key = "options.loops[" + i + "].";
            SysfsSwitch pump = new SysfsSwitch(SysfsRef.parse(l.pump(), key + "pump"), l.pumpOnLevel(), key + "pump");
            SysfsSensor tach = l.tach() == null ? null : new SysfsSensor(SysfsRef.parse(l.tach(), key + "tach"),
                    SysfsSensor.Role.SPEED, "tachRpm", 0, 100_000, key + "tach");
            SysfsSensor radiator = l.radiator() == null ? null : new SysfsSensor(SysfsRef.parse(l.radiator(),
                    key + "radiator"), SysfsSensor.Role.TEMPERATURE, "radiatorTempC", -200, 300, key + "radiator");
            SysfsSwitch heater = l.heater() == null ? null
                    : new SysfsSwitch(SysfsRef.parse(l.heater(), key + "heater"), l.heaterOnLevel(), key + "heater");
            loops.put(l.name(), new Loop(l.name(), pump, tach, l.minRpm(), l.flowLpmPerRpm(), radiator, heater));
        }
        this.spec = new ThermalSpec(zoneSpecs, List.copyOf(loops.keySet()));
    }

    private double limitFromHardware(SysfsSensor sensor) {
        Optional<Path> file = sensor.path(tree);
        if (file.isEmpty()) {
            return Double.NaN;
        }
        Path p = file.get();
        String attr = p.getFileName().toString();
        if (sensor.ref().kind() == SysfsRef.Kind.ZONE) {
            return SysfsThermalZone.read(tree, p.getParent()).lowestLimitC();
        }
        if (sensor.ref().kind() == SysfsRef.Kind.HWMON && attr.endsWith("_input")) {
            String prefix = attr.substring(0, attr.length() - "_input".length());
            double best = Double.NaN;
            for (String limit : List.of("_max", "_crit")) {
                Sample s = LIMIT.parse(tree.read(p.resolveSibling(prefix + limit)));
                if (s.good() && (Double.isNaN(best) || s.value() < best)) {
                    best = s.value();
                }
            }
            return best;
        }
        return Double.NaN;
    }

    @Override
    public ThermalSpec spec() {
        return spec;
    }

    @Override
    public ThermalReading read() {
        Instant now = time.now();
        ReadingFaults all = new ReadingFaults(now);
        List<ThermalReading.ZoneTemperature> zoneTemps = new ArrayList<>();
        for (Map.Entry<String, SysfsSensor> z : zones.entrySet()) {
            Sample s = safeRead(z.getValue());
            s = s.good() && s.value() == 0.0 ? s : stuck.check("zone:" + z.getKey(), s, now);
            double t = all.take(z.getKey(), "tempC", s);
            zoneTemps.add(new ThermalReading.ZoneTemperature(z.getKey(), t, s.quality()));
        }
        List<ThermalReading.LoopState> loopStates = new ArrayList<>();
        for (Loop l : loops.values()) {
            loopStates.add(readLoop(l, all, now));
        }
        return new ThermalReading(now, zoneTemps, loopStates, all.quality(), all.faults());
    }

    private ThermalReading.LoopState readLoop(Loop l, ReadingFaults all, Instant now) {
        ReadingFaults mine = new ReadingFaults(now);
        SysfsSwitch.State pump = safeState(l.pump());
        boolean pumpOn = Boolean.TRUE.equals(pump.on());
        if (pump.on() == null) {
            mine.add(pump.fault(), l.name(), "pump", pump.detail());
        }
        double rpm = Double.NaN;
        if (l.tach() != null) {
            Sample s = safeRead(l.tach());
            rpm = mine.take(l.name(), "tachRpm", s);
        }
        boolean pumpFailed = pumpOn && Double.isFinite(rpm) && rpm < l.minRpm();
        if (pumpFailed) {
            mine.addHealth(FaultCode.DEVICE_ERROR, l.name(), "pump", String.format(Locale.ROOT,
                    "pump commanded on but turning at %.0f rpm (below %.0f rpm)", rpm, l.minRpm()));
        }
        double flow = l.flowLpmPerRpm() != null && Double.isFinite(rpm) ? rpm * l.flowLpmPerRpm() : Double.NaN;
        boolean heaterOn = false;
        if (l.heater() != null) {
            SysfsSwitch.State h = safeState(l.heater());
            heaterOn = Boolean.TRUE.equals(h.on());
            if (h.on() == null) {
                mine.add(h.fault(), l.name(), "heater", h.detail());
            }
        }
        double radiatorC = Double.NaN;
        if (l.radiator() != null) {
            Sample s = safeRead(l.radiator());
            s = s.good() && s.value() == 0.0 ? s : stuck.check("radiator:" + l.name(), s, now);
            radiatorC = mine.take(l.name(), "radiatorTempC", s);
        }
        all.addAll(mine.faults(), mine.quality());
        return new ThermalReading.LoopState(l.name(), pumpOn, pumpFailed, flow, heaterOn, radiatorC, mine.quality());
    }

    @Override
    public CommandResult setPump(String loop, boolean on) {
        return command(loop, "setPump", on, false);
    }

    @Override
    public CommandResult setHeater(String loop, boolean on) {
        return command(loop, "setHeater", on, true);
    }

    private CommandResult command(String loop, String command, boolean on, boolean heater) {
        Instant now = time.now();
        Loop l = loop == null ? null : loops.get(loop);
        if (l == null) {
            return CommandResult.failure(new HalFault(FaultCode.COMMAND_OUT_OF_RANGE, String.valueOf(loop), command,
                    "no loop '" + loop + "'; loops: " + loops.keySet(), now));
        }
        SysfsSwitch target = heater ? l.heater() : l.pump();
        if (target == null) {
            return CommandResult.failure(new HalFault(FaultCode.COMMAND_REJECTED, loop, command,
                    "loop '" + loop + "' has no heater configured", now));
        }
        try {
            return target.set(tree, on, loop, command, now);
        } catch (RuntimeException e) {
            return CommandResult.failure(new HalFault(FaultCode.COMMAND_REJECTED, loop, command, "unexpected error: " + e, now));
        }
    }

    private Sample safeRead(SysfsSensor sensor) {
        try {
            return sensor.read(tree);
        } catch (RuntimeException e) {
            return Sample.failed(FaultCode.SENSOR_IO_ERROR, sensor.ref() + ": unexpected error: " + e);
        }
    }

    private SysfsSwitch.State safeState(SysfsSwitch sw) {
        try {
            return sw.read(tree);
        } catch (RuntimeException e) {
            return new SysfsSwitch.State(null, FaultCode.SENSOR_IO_ERROR, sw.ref() + ": unexpected error: " + e);
        }
    }
}
