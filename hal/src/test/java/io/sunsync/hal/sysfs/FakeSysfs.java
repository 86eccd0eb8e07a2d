package io.sunsync.hal.sysfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a fake sysfs tree in a temp folder with the kernel's own file names and formats: one
 * value per file, decimal integers in the kernel's unit, a trailing newline, class folders
 * holding one folder per device. References: Documentation/ABI/testing/sysfs-class-power,
 * Documentation/ABI/testing/sysfs-class-hwmon, Documentation/driver-api/thermal/sysfs-api.rst,
 * Documentation/power/powercap/powercap.rst, Documentation/admin-guide/pm/cpufreq.rst.
 */
public final class FakeSysfs {
    private final Path root;

    public FakeSysfs(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public SysfsTree tree() {
        return new SysfsTree(root);
    }

    /** Writes {@code rel} with {@code value} and the kernel's trailing newline. */
    public FakeSysfs file(String rel, Object value) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            if (Files.isDirectory(p)) {
                try (var s = Files.list(p)) {
                    s.forEach(FakeSysfs::delete);
                }
                Files.delete(p);
            } else if (Files.isSymbolicLink(p)) {
                Files.delete(p);
            }
            Files.writeString(p, value + "\n", StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes raw bytes (garbage, no newline). */
    public FakeSysfs raw(String rel, String text) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads back a file's trimmed text (to check what a backend wrote). */
    public String text(String rel) {
        try {
            return Files.readString(root.resolve(rel)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeSysfs remove(String rel) {
        delete(root.resolve(rel));
        return this;
    }

    /**
     * Makes {@code rel} fail with {@code EIO} when read, as a thermal zone whose sensor is not
     * ready does: the file becomes a link to {@code /proc/self/mem}, whose first page is never
     * mapped, so reading it fails with "Input/output error" - even for root.
     */
    public FakeSysfs failsWithEio(String rel) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.deleteIfExists(p);
            Files.createSymbolicLink(p, Path.of("/proc/self/mem"));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes {@code rel} a folder, so reading it fails with {@code EISDIR} (an I/O error the kernel never gives a file). */
    public FakeSysfs notAFile(String rel) {
        try {
            Path p = root.resolve(rel);
            Files.deleteIfExists(p);
            Files.createDirectories(p);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A class entry as the kernel makes it: {@code class/CLS/NAME} is a link to the device folder. */
    public Path device(String cls, String name) {
        try {
            Path dev = root.resolve("devices/virtual/" + cls + "/" + name);
            Files.createDirectories(dev);
            Path link = root.resolve("class/" + cls + "/" + name);
            Files.createDirectories(link.getParent());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, dev);
            }
            return link;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A device attribute under {@code class/CLS/NAME/ATTR}. */
    public FakeSysfs attr(String cls, String name, String attr, Object value) {
        device(cls, name);
        return file("class/" + cls + "/" + name + "/" + attr, value);
    }

    /** A laptop-style battery with energy attributes (µWh), discharging at 1.6 A from 12.2 V. */
    public FakeSysfs energyBattery(String name) {
        attr("power_supply", name, "type", "Battery");
        attr("power_supply", name, "status", "Discharging");
        attr("power_supply", name, "present", 1);
        attr("power_supply", name, "voltage_now", 12_200_000);
        attr("power_supply", name, "current_now", -1_600_000);
        attr("power_supply", name, "energy_now", 30_000_000);
        attr("power_supply", name, "energy_full", 50_000_000);
        attr("power_supply", name, "energy_full_design", 57_000_000);
        attr("power_supply", name, "capacity", 60);
        return this;
    }

    /** An hwmon chip {@code class/hwmon/hwmonN} with {@code name}. */
    public FakeSysfs hwmon(int n, String name) {
        return attr("hwmon", "hwmon" + n, "name", name);
    }

    /** An hwmon attribute of {@code hwmonN}. */
    public FakeSysfs hwmon(int n, String attr, Object value) {
        return attr("hwmon", "hwmon" + n, attr, value);
    }

    /**
     * A Jetson Orin NX on JetPack 5/6 (values illustrative, formats the kernel's): one INA3221
     * ({@code hwmon1}, Documentation/hwmon/ina3221.rst) with rails VDD_IN, VDD_CPU_GPU_CV and VDD_SOC
     * (mV, mA), a shunt channel and the sum channel; thermal zones by type, {@code tj-thermal}
     * reading empty as it does on p3767 modules; the device-tree model.
     */
    public FakeSysfs jetsonOrinNx() {
        hwmon(1, "ina3221")
                .hwmon(1, "in1_label", "VDD_IN").hwmon(1, "in1_input", 5008).hwmon(1, "curr1_input", 1996)
                .hwmon(1, "in2_label", "VDD_CPU_GPU_CV").hwmon(1, "in2_input", 5008).hwmon(1, "curr2_input", 596)
                .hwmon(1, "in3_label", "VDD_SOC").hwmon(1, "in3_input", 5008).hwmon(1, "curr3_input", 320)
                .hwmon(1, "in4_input", 9960).hwmon(1, "in7_label", "sum of shunt voltages").hwmon(1, "in7_input", 14560)
                .hwmon(1, "curr1_max", 3000).hwmon(1, "curr1_max_alarm", 0).hwmon(1, "curr1_crit_alarm", 0)
                .hwmon(1, "curr2_max_alarm", 0).hwmon(1, "curr2_crit_alarm", 0);
        zone(0, "cpu-thermal", 47_500).trip(0, 0, "passive", 99_000).trip(0, 1, "critical", 104_500)
                .zone(1, "gpu-thermal", 49_000).trip(1, 0, "passive", 99_000)
                .zone(2, "soc0-thermal", 46_000)
                .zone(3, "tj-thermal", "")
                .zone(4, "tboard_tegra", 38_000);
        return raw("firmware/devicetree/base/model", "NVIDIA Orin NX Developer Kit\u0000");
    }

    /** A thermal zone {@code thermal_zoneN} with {@code type} and {@code temp} in m°C. */
    public FakeSysfs zone(int n, String type, Object milliC) {
        attr("thermal", "thermal_zone" + n, "type", type);
        attr("thermal", "thermal_zone" + n, "mode", "enabled");
        return attr("thermal", "thermal_zone" + n, "temp", milliC);
    }

    /** A trip point of {@code thermal_zoneN}. */
    public FakeSysfs trip(int zone, int n, String type, int milliC) {
        attr("thermal", "thermal_zone" + zone, "trip_point_" + n + "_type", type);
        attr("thermal", "thermal_zone" + zone, "trip_point_" + n + "_hyst", 0);
        return attr("thermal", "thermal_zone" + zone, "trip_point_" + n + "_temp", milliC);
    }

    /** A cooling device. */
    public FakeSysfs cooling(int n, String type, int cur, int max) {
        attr("thermal", "cooling_device" + n, "type", type);
        attr("thermal", "cooling_device" + n, "max_state", max);
        return attr("thermal", "cooling_device" + n, "cur_state", cur);
    }

    /**
     * A RAPL package zone {@code intel-rapl:N} ({@code name package-N}) with a long-term limit,
     * a short-term limit, the energy counter and its wrap point (values as on an Intel laptop).
     */
    public FakeSysfs raplPackage(int n, long energyUj, long limitUw) {
        String z = "intel-rapl:" + n;
        attr("powercap", z, "name", "package-" + n);
        attr("powercap", z, "enabled", 1);
        attr("powercap", z, "energy_uj", energyUj);
        attr("powercap", z, "max_energy_range_uj", 262_143_328_850L);
        attr("powercap", z, "constraint_0_name", "long_term");
        attr("powercap", z, "constraint_0_power_limit_uw", limitUw);
        attr("powercap", z, "constraint_0_time_window_us", 27_983_872);
        attr("powercap", z, "constraint_0_max_power_uw", 45_000_000);
        attr("powercap", z, "constraint_1_name", "short_term");
        attr("powercap", z, "constraint_1_power_limit_uw", 64_000_000);
        attr("powercap", z, "constraint_1_time_window_us", 2_440);
        attr("powercap", z + ":0", "name", "core");
        attr("powercap", z + ":0", "energy_uj", 1_000);
        return this;
    }

    /** CPU {@code cpu} in package {@code pkg}, with a cpufreq policy of its own (kHz). */
    public FakeSysfs cpu(int cpu, int pkg, int minKHz, int maxKHz) {
        file("devices/system/cpu/cpu" + cpu + "/topology/physical_package_id", pkg);
        file("devices/system/cpu/cpu" + cpu + "/thermal_throttle/package_throttle_count", 0);
        String p = "devices/system/cpu/cpufreq/policy" + cpu + "/";
        file(p + "affected_cpus", cpu);
        file(p + "related_cpus", cpu);
        file(p + "cpuinfo_min_freq", minKHz);
        file(p + "cpuinfo_max_freq", maxKHz);
        file(p + "scaling_min_freq", minKHz);
        file(p + "scaling_max_freq", maxKHz);
        file(p + "scaling_cur_freq", (minKHz + maxKHz) / 2);
        return file(p + "scaling_governor", "powersave");
    }

    private static void delete(Path p) {
        try {
            if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (var s = Files.list(p)) {
                    s.forEach(FakeSysfs::delete);
                }
            }
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
