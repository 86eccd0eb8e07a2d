package io.sunsync.hal.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code hardware} section of a satellite config: a backend per device, plus settings
 * shared by every device of one backend (e.g. the sim harness's scenario and seed under
 * {@code backends.sim}). A hardware-in-the-loop rig mixes backends device by device.
 *
 * @param clock        where mission time comes from ({@code system} or {@code sim})
 * @param power        the power system
 * @param thermal      the thermal control hardware
 * @param accelerators the accelerator boards (one backend drives them all)
 * @param navigation   the navigation (GNSS) receiver, or null when the satellite has none
 * @param backends     settings per backend name, shared by that backend's devices
 */
public record HardwareConfig(DeviceConfig clock, DeviceConfig power, DeviceConfig thermal,
                             DeviceConfig accelerators, DeviceConfig navigation, Map<String, ObjectNode> backends) {
    /** Hardware without a navigation receiver. */
    public HardwareConfig(DeviceConfig clock, DeviceConfig power, DeviceConfig thermal, DeviceConfig accelerators,
                          Map<String, ObjectNode> backends) {
        this(clock, power, thermal, accelerators, null, backends);
    }

    public HardwareConfig {
        ConfigException.require(clock, "clock");
        ConfigException.require(power, "power");
        ConfigException.require(thermal, "thermal");
        ConfigException.require(accelerators, "accelerators");
        backends = backends == null ? Map.of() : Map.copyOf(new TreeMap<>(backends));
    }
}
