package io.sunsync.hal.accel;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.sysfs.AttrRead;
import io.sunsync.hal.sysfs.AttrWrite;
import io.sunsync.hal.sysfs.Quantity;
import io.sunsync.hal.sysfs.ReadingFaults;
import io.sunsync.hal.sysfs.Sample;
import io.sunsync.hal.sysfs.SysfsSensor;
import io.sunsync.hal.sysfs.SysfsTree;
import io.sunsync.hal.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A CPU package driven through RAPL as an {@link AcceleratorBoard}: its power is the average of
 * the package's {@code energy_uj} counter over the last sample period (wrap-around handled by
 * {@link RaplEnergyCounter}), its cap is the power limit of one constraint (normally
 * {@code long_term}), written in µW and verified by reading back. Disabling parks the package's
 * cpufreq policies at the hardware minimum frequency ({@code scaling_max_freq = cpuinfo_min_freq});
 * enabling restores {@code cpuinfo_max_freq}. A CPU package cannot be reset from sysfs.
 *
 * <p>Also reported: {@link ThrottleReason#HW_THERMAL} when any of the package's CPUs'
 * {@code thermal_throttle/package_throttle_count} grew since the last reading, and
 * {@link ThrottleReason#POWER_CAP} when the power is within 3 % of the cap. Utilisation and work
 * are not measured (NaN).
 *
 * <p>Threading: every method is synchronized on the board (a command waits for a reading of the
 * same board in progress, and the other way round); boards share nothing unsynchronized.
 */
public final class PowercapBoard implements AcceleratorBoard {
    private static final double CAP_TOLERANCE_W = 1.0;
    private static final Quantity COUNT = Quantity.plain("throttleCount", "", 0, 1.8e19);

    private final SysfsTree tree;
    private final Path zoneDir;
    private final String constraintName;
    private final int constraintIndex;
    private final BoardSpec spec;
    private final SysfsSensor temp;
    private final int packageId;
    private final TimeSource time;
    private final RaplEnergyCounter counter = new RaplEnergyCounter();
    private final CommandedCap commanded = new CommandedCap(CAP_TOLERANCE_W, Duration.ofSeconds(10));
    private final Map<Integer, Double> throttleCounts = new HashMap<>();
    private List<Integer> cpus = List.of();
    private List<Path> policyDirs = List.of();

    /**
     * @param zoneDir    the RAPL zone folder, e.g. {@code /sys/class/powercap/intel-rapl:0}
     * @param constraint the constraint whose limit is the cap, by name or index
     * @param spec       the board's identity and ratings
     * @param temp       its temperature sensor, or null when it has none
     * @param packageId  the CPU package ({@code physical_package_id}) the zone covers
     */
    public PowercapBoard(SysfsTree tree, Path zoneDir, String constraint, BoardSpec spec, SysfsSensor temp, int packageId,
                         TimeSource time) {
        this.tree = Objects.requireNonNull(tree, "tree");
        this.zoneDir = Objects.requireNonNull(zoneDir, "zoneDir");
        this.constraintName = Objects.requireNonNull(constraint, "constraint");
        this.constraintIndex = constraint.matches("\\d{1,2}") ? Integer.parseInt(constraint) : 0;
        this.spec = Objects.requireNonNull(spec, "spec");
        this.temp = temp;
        this.packageId = packageId;
        this.time = Objects.requireNonNull(time, "time");
        findCpus();
        RaplZone.Snapshot first = RaplZone.read(tree, zoneDir);
        counter.update(first.energyUj(), first.maxEnergyRangeUj(), time.now(), zoneDir.toString());
        throttled();
    }

    @Override
    public BoardSpec spec() {
        return spec;
    }

    @Override
    public synchronized BoardReading read() {
        return ReadingFaults.guarded(time.now(), spec.id(), f -> sample(f.at(), f),
                f -> BoardReading.unreadable(f.at(), spec.id(), BoardState.ENABLED, f.quality(), f.faults()));
    }

    private BoardReading sample(Instant now, ReadingFaults faults) {
        RaplZone.Snapshot z = RaplZone.read(tree, zoneDir);
        double powerW = faults.take(spec.id(), "powerW", counter.update(z.energyUj(), z.maxEnergyRangeUj(), now,
                zoneDir.toString()));
        Sample limit = limit(z);
        double capW = faults.take(spec.id(), "capW", limit);
        if (commanded.needsReapply(capW, now)) {
            CommandResult again = writeCap(commanded.capW(), now);
            faults.addHealth(FaultCode.COMMAND_NOT_VERIFIED, spec.id(), "setCap", String.format(Locale.ROOT,
                    "power limit reads %.1f W but %.1f W was commanded; re-applied: %s", capW, commanded.capW(),
                    again.ok() ? "ok" : again.fault().detail()));
        }
        double tempC = temp == null ? Double.NaN : faults.take(spec.id(), "tempC", temp.read(tree));
        Set<ThrottleReason> reasons = EnumSet.noneOf(ThrottleReason.class);
        if (throttled()) {
            reasons.add(ThrottleReason.HW_THERMAL);
            faults.addHealth(FaultCode.DEVICE_THROTTLED, spec.id(), "throttle",
                    "package " + packageId + " thermal throttle count grew");
        }
        if (Double.isFinite(powerW) && Double.isFinite(capW) && powerW >= 0.97 * capW) {
            reasons.add(ThrottleReason.POWER_CAP);
        }
        List<CpufreqPolicy> policies = policies();
        boolean parked = !policies.isEmpty() && policies.stream().allMatch(CpufreqPolicy::parked);
        return new BoardReading(now, spec.id(), parked ? BoardState.DISABLED : BoardState.ENABLED, powerW, capW, tempC,
                Double.NaN, Double.NaN, 0, reasons, faults.quality(), faults.faults());
    }

    private Sample limit(RaplZone.Snapshot z) {
        return z.constraint(constraintName, constraintIndex).map(RaplZone.Constraint::limitW)
                .orElse(Sample.failed(FaultCode.SENSOR_MISSING, zoneDir + ": no constraint '" + constraintName + "'"));
    }

    private Path limitFile() {
        RaplZone.Snapshot z = RaplZone.read(tree, zoneDir);
        int n = z.constraint(constraintName, constraintIndex).map(RaplZone.Constraint::index).orElse(constraintIndex);
        return zoneDir.resolve("constraint_" + n + "_power_limit_uw");
    }

    @Override
    public synchronized CommandResult setCap(double capW) {
        Instant now = time.now();
        return commanded.command(spec, capW, now, w -> writeCap(w, now));
    }

    private CommandResult writeCap(double capW, Instant now) {
        try {
            AttrRead enabled = tree.read(zoneDir, "enabled");
            if (enabled.ok() && !enabled.text().equals("1")) {
                AttrWrite w = tree.write(zoneDir.resolve("enabled"), "1");
                if (!w.ok()) {
                    return fail(w.fault(), "setCap", w.detail(), now);
                }
            }
            Path file = limitFile();
            AttrWrite w = tree.write(file, Long.toString(Math.round(capW * 1e6)));
            if (!w.ok()) {
                return fail(w.fault(), "setCap", w.detail(), now);
            }
            Sample back = RaplZone.LIMIT.parse(tree.read(file));
            if (!back.good() || Math.abs(back.value() - capW) > CAP_TOLERANCE_W) {
                return fail(FaultCode.COMMAND_NOT_VERIFIED, "setCap", String.format(Locale.ROOT,
                        "wrote %.1f W to %s, read back %s", capW, file, back.good() ? back.value() + " W" : back.detail()), now);
            }
            return CommandResult.success();
        } catch (RuntimeException e) {
            return fail(FaultCode.COMMAND_REJECTED, "setCap", "unexpected error: " + e, now);
        }
    }

    @Override
    public synchronized CommandResult setEnabled(boolean enabled) {
        Instant now = time.now();
        List<CpufreqPolicy> policies = policies();
        if (policies.isEmpty()) {
            return fail(FaultCode.COMMAND_REJECTED, "setEnabled", "no cpufreq policy covers package " + packageId, now);
        }
        for (CpufreqPolicy p : policies) {
            Sample target = enabled ? p.hwMaxKHz() : p.hwMinKHz();
            if (!target.good()) {
                return fail(FaultCode.COMMAND_REJECTED, "setEnabled", p.dir() + ": " + target.detail(), now);
            }
            String value = Long.toString((long) target.value());
            Path file = p.dir().resolve("scaling_max_freq");
            AttrWrite w = tree.write(file, value);
            if (!w.ok()) {
                return fail(w.fault(), "setEnabled", w.detail(), now);
            }
            AttrRead back = tree.read(file);
            if (!back.ok() || !back.text().equals(value)) {
                return fail(FaultCode.COMMAND_NOT_VERIFIED, "setEnabled", "wrote " + value + " to " + file
                        + ", read back " + (back.ok() ? "'" + back.text() + "'" : back.detail()), now);
            }
        }
        return CommandResult.success();
    }

    @Override
    public synchronized CommandResult reset() {
        return fail(FaultCode.COMMAND_REJECTED, "reset", "a CPU package cannot be reset from sysfs", time.now());
    }

    /**
     * Finds the package's CPUs ({@code topology/physical_package_id}) and the cpufreq policies
     * covering them, once: the per-tick reads then touch only those files. Looked up again when
     * none were found (CPUs brought online later).
     */
    private void findCpus() {
        List<Integer> found = new ArrayList<>();
        for (Path cpu : tree.list("devices/system/cpu", n -> n.matches("cpu\\d+"))) {
            AttrRead pkg = tree.read(cpu.resolve("topology"), "physical_package_id");
            if (pkg.ok() && pkg.text().equals(Integer.toString(packageId))) {
                found.add(Integer.parseInt(cpu.getFileName().toString().substring(3)));
            }
        }
        List<Path> dirs = new ArrayList<>();
        for (Path dir : CpufreqPolicy.list(tree)) {
            if (CpufreqPolicy.read(tree, dir).cpus().stream().anyMatch(found::contains)) {
                dirs.add(dir);
            }
        }
        cpus = List.copyOf(found);
        policyDirs = List.copyOf(dirs);
    }

    /** The cpufreq policies covering a CPU of this package, read now. */
    List<CpufreqPolicy> policies() {
        if (policyDirs.isEmpty()) {
            findCpus();
        }
        List<CpufreqPolicy> out = new ArrayList<>();
        for (Path dir : policyDirs) {
            out.add(CpufreqPolicy.read(tree, dir));
        }
        return out;
    }

    /** True when a package thermal-throttle counter of one of this package's CPUs grew since the last call. */
    private boolean throttled() {
        boolean grew = false;
        for (int cpu : cpus) {
            Sample n = COUNT.parse(tree.read(tree.resolve("devices/system/cpu/cpu" + cpu + "/thermal_throttle"),
                    "package_throttle_count"));
            if (n.good()) {
                Double before = throttleCounts.put(cpu, n.value());
                if (before != null && n.value() > before) {
                    grew = true;
                }
            }
        }
        return grew;
    }

    private CommandResult fail(FaultCode code, String command, String detail, Instant at) {
        return CommandResult.failure(new HalFault(code, spec.id(), command, detail, at));
    }
}
