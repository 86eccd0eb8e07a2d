package io.sunsync.hal.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One device's entry in the satellite config: which backend drives it and that backend's
 * options (e.g. {@code {backend: sysfs, options: {root: /sys, battery: BAT0}}}).
 *
 * @param backend the backend name, e.g. {@code sim}, {@code sysfs}, {@code nvidia-smi}, {@code remote}
 * @param options backend-specific options; empty when absent
 */
public record DeviceConfig(String backend, ObjectNode options) {
    public DeviceConfig {
        ConfigException.require(backend, "backend");
        if (options == null) {
            options = JsonNodeFactory.instance.objectNode();
        }
    }

    /** A device entry with no options. */
    public static DeviceConfig of(String backend) {
        return new DeviceConfig(backend, null);
    }
}
