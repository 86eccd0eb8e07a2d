package io.sunsync.hal.thermal;

import io.sunsync.hal.sysfs.AttrRead;
import io.sunsync.hal.sysfs.Quantity;
import io.sunsync.hal.sysfs.Sample;
import io.sunsync.hal.sysfs.SysfsTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linux thermal zones ({@code /sys/class/thermal/thermal_zoneN}) and cooling devices
 * ({@code /sys/class/thermal/cooling_deviceN}), after Documentation/driver-api/thermal/sysfs-api.rst:
 * {@code type}, {@code temp} in m°C (a read can fail with {@code EIO}, {@code ENODATA} or
 * {@code EAGAIN} when the sensor is not ready), {@code mode}, {@code trip_point_N_temp} m°C,
 * {@code trip_point_N_type} ({@code critical}, {@code hot}, {@code passive}, {@code active}),
 * {@code trip_point_N_hyst} m°C; cooling devices' {@code type}, {@code cur_state},
 * {@code max_state}. Stateless; thread safe.
 */
public final class SysfsThermalZone {
    /** Temperatures a sensor can physically report, in °C. */
    public static final Quantity TEMP = Quantity.millidegrees("tempC", -200, 300);
    private static final Quantity STATE = Quantity.plain("state", "", 0, 1e9);
    private static final Pattern TRIP = Pattern.compile("trip_point_(\\d+)_temp");

    private SysfsThermalZone() {
    }

    /**
     * One trip point.
     *
     * @param index the N of {@code trip_point_N_*}
     * @param type  {@code critical}, {@code hot}, {@code passive}, {@code active} ({@code ""} when unreadable)
     * @param tempC the trip temperature, in °C
     * @param hystC the hysteresis, in °C (failed sample when the zone has none)
     */
    public record Trip(int index, String type, Sample tempC, Sample hystC) {
    }

    /**
     * One zone as read now.
     *
     * @param dir   the zone's folder
     * @param type  the zone's {@code type} (e.g. {@code x86_pkg_temp}, {@code acpitz}), {@code ""} when unreadable
     * @param mode  {@code enabled}/{@code disabled}, {@code ""} when absent
     * @param tempC the temperature, in °C
     * @param trips the trip points, by index
     */
    public record Snapshot(Path dir, String type, String mode, Sample tempC, List<Trip> trips) {
        /** The folder name, e.g. {@code thermal_zone0}. */
        public String name() {
            return dir.getFileName().toString();
        }

        /** The lowest readable {@code hot} or {@code critical} trip, in °C; NaN when there is none. */
        public double lowestLimitC() {
            double best = Double.NaN;
            for (Trip t : trips) {
                if ((t.type().equals("hot") || t.type().equals("critical")) && t.tempC().good()
                        && (Double.isNaN(best) || t.tempC().value() < best)) {
                    best = t.tempC().value();
                }
            }
            return best;
        }
    }

    /**
     * One cooling device as read now.
     *
     * @param dir      its folder
     * @param type     its {@code type} (e.g. {@code Processor}, {@code Fan}, {@code intel_powerclamp})
     * @param curState the current cooling state (0 = no cooling)
     * @param maxState the highest state
     */
    public record Cooling(Path dir, String type, Sample curState, Sample maxState) {
        /** The folder name, e.g. {@code cooling_device0}. */
        public String name() {
            return dir.getFileName().toString();
        }
    }

    /** Every thermal zone folder, in natural order. Never throws. */
    public static List<Path> zones(SysfsTree tree) {
        return tree.list("class/thermal", n -> n.matches("thermal_zone\\d+"));
    }

    /** Every cooling device folder, in natural order. Never throws. */
    public static List<Path> coolingDevices(SysfsTree tree) {
        return tree.list("class/thermal", n -> n.matches("cooling_device\\d+"));
    }

    /** Reads a zone. Never throws. */
    public static Snapshot read(SysfsTree tree, Path dir) {
        String type = tree.read(dir, "type").textOr("");
        String mode = tree.read(dir, "mode").textOr("");
        Sample temp = TEMP.parse(tree.read(dir, "temp"));
        List<Trip> trips = new ArrayList<>();
        for (Path file : tree.list(dir, n -> TRIP.matcher(n).matches())) {
            Matcher m = TRIP.matcher(file.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            int n = Integer.parseInt(m.group(1));
            AttrRead tripType = tree.read(dir, "trip_point_" + n + "_type");
            trips.add(new Trip(n, tripType.textOr(""), TEMP.parse(tree.read(file)),
                    Quantity.millidegrees("hystC", 0, 500).parse(tree.read(dir, "trip_point_" + n + "_hyst"))));
        }
        return new Snapshot(dir, type, mode, temp, trips);
    }

    /** Reads a cooling device. Never throws. */
    public static Cooling readCooling(SysfsTree tree, Path dir) {
        return new Cooling(dir, tree.read(dir, "type").textOr(""), STATE.parse(tree.read(dir, "cur_state")),
                STATE.parse(tree.read(dir, "max_state")));
    }
}
