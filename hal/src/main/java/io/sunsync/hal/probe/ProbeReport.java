package io.sunsync.hal.probe;

import io.sunsync.hal.sysfs.Sample;
import java.util.List;

/**
 * What {@link Probe} found, as plain records for the table and the JSON output. A value that
 * could not be read carries an {@code error} ({@code FAULT_CODE: detail}) instead of a number.
 *
 * @param root           the sysfs root probed
 * @param powerSupplies  {@code class/power_supply}
 * @param hwmon          {@code class/hwmon}
 * @param thermalZones   {@code class/thermal/thermal_zone*}
 * @param coolingDevices {@code class/thermal/cooling_device*}
 * @param rapl           {@code class/powercap/intel-rapl*}
 * @param cpufreq        {@code devices/system/cpu/cpufreq/policy*}
 * @param nvidia         what {@code nvidia-smi} said
 * @param nvml           what NVML ({@code libnvidia-ml.so.1}) said
 * @param jetson         the Jetson module's INA3221 rails and nvpmodel power modes
 * @param accelerators   one line per accelerator the backends could drive (empty: none)
 */
public record ProbeReport(String root, List<Supply> powerSupplies, List<Chip> hwmon, List<Zone> thermalZones,
                          List<Cooling> coolingDevices, List<Rapl> rapl, List<Policy> cpufreq, Gpus nvidia,
                          NvmlGpus nvml, Jetson jetson, List<String> accelerators) {

    /**
     * A value with its unit, or why it could not be read.
     *
     * @param value the value (null when unreadable)
     * @param unit  its unit
     * @param error {@code FAULT_CODE: detail} when not good, else null
     */
    public record Value(Double value, String unit, String error) {
        /** From a sample: good values as they are, out-of-range values with their error, failures as errors. */
        public static Value of(Sample s, String unit) {
            if (s.good()) {
                return new Value(s.value(), unit, null);
            }
            Double v = Double.isFinite(s.value()) ? s.value() : null;
            return new Value(v, unit, s.fault() + ": " + s.detail());
        }

        /** The same value in another unit ({@code factor} × value). */
        public Value scaled(double factor, String newUnit) {
            return new Value(value == null ? null : value * factor, newUnit, error);
        }
    }

    /** A power supply. */
    public record Supply(String name, String type, String status, Integer online, Value voltage, Value current,
                         Value power, Value energy, Value energyFull, Value capacity) {
    }

    /** An hwmon chip and its channels; {@code ref} is how a config file names it. */
    public record Chip(String dir, String name, String ref, List<Channel> channels) {
    }

    /** One hwmon channel. */
    public record Channel(String attr, String label, Value value) {
    }

    /** A thermal zone. */
    public record Zone(String dir, String type, String mode, Value temp, List<Trip> trips) {
    }

    /** A trip point. */
    public record Trip(int index, String type, Value temp) {
    }

    /** A cooling device. */
    public record Cooling(String dir, String type, Value curState, Value maxState) {
    }

    /** A RAPL zone with its power measured over the probe's interval. */
    public record Rapl(String dir, String name, Boolean enabled, Value energy, Value power, List<Constraint> constraints) {
    }

    /** A RAPL constraint. */
    public record Constraint(int index, String name, Value limit, Value window, Value maxPower) {
    }

    /** A cpufreq policy (frequencies in MHz). */
    public record Policy(String dir, List<Integer> cpus, String governor, Value cur, Value min, Value max, Value hwMin,
                         Value hwMax) {
    }

    /**
     * What nvidia-smi said.
     *
     * @param smiPath the tool
     * @param status  {@code ok}, or why there are no GPUs to show
     * @param gpus    the GPUs listed
     * @param queryMs wall time of the one query that read them all, in ms (null when it did not run)
     */
    public record Gpus(String smiPath, String status, List<Gpu> gpus, Double queryMs) {
    }

    /**
     * What NVML said.
     *
     * @param library       the library loaded
     * @param status        {@code ok}, or why there are no GPUs to show
     * @param driverVersion the driver's version (null when unknown)
     * @param nvmlVersion   NVML's version (null when unknown)
     * @param gpus          the GPUs NVML sees
     * @param readMicros    mean wall time of one read of power, temperature and power limit of the first GPU
     *                      (three calls, the nvml backend's core reading), over 1000 reads, in µs (null: not measured)
     */
    public record NvmlGpus(String library, String status, String driverVersion, String nvmlVersion, List<NvmlGpu> gpus,
                           Double readMicros) {
    }

    /** One GPU as NVML sees it (powers and limits in W, converted from NVML's mW). */
    public record NvmlGpu(int index, String uuid, String name, Value power, Value limit, Value enforcedLimit,
                          Value minLimit, Value maxLimit, Value defaultLimit, Value temp, Value slowdownTemp,
                          Value shutdownTemp, Value utilization, Value eccUncorrected, List<String> throttle) {
    }

    /** One GPU. */
    public record Gpu(int index, String uuid, String name, Value power, Value limit, Value minLimit, Value maxLimit,
                      Value temp, Value utilization, String ecc, List<String> throttle) {
    }

    /**
     * A Jetson module: its INA3221 rails (none: not a Jetson) and its power modes.
     *
     * @param rails        the rails by label
     * @param nvpmodelPath the tool asked (only when there are rails)
     * @param status       {@code ok}, or why there are no modes
     * @param modes        the modes, {@code ID NAME (BUDGET W)}
     * @param current      the mode in force, {@code ID NAME}, or null
     */
    public record Jetson(List<Rail> rails, String nvpmodelPath, String status, List<String> modes, String current) {
    }

    /** One INA3221 rail. */
    public record Rail(String label, String ref, int channel, Value power, String alarm) {
    }
}
